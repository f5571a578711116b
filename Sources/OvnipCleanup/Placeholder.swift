public enum OvnipCleanupPlaceholder {}
