public enum OvnipScenarioPlaceholder {}
