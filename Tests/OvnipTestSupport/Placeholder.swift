public enum OvnipTestSupportPlaceholder {}
