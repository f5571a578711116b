public enum OvnipStandInPlaceholder {}
