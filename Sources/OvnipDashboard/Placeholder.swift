public enum OvnipDashboardPlaceholder {}
