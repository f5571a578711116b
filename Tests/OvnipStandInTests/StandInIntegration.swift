import Testing

/// Every suite that drives real kubectl processes against a stand-in runs under this parent,
/// one test at a time: on a 2-core machine shared with other suites, a burst of parallel
/// kubectl processes starves timing-sensitive tests elsewhere.
@Suite(.serialized) enum StandInIntegration {}
