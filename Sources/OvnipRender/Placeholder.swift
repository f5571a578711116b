public enum OvnipRenderPlaceholder {}
