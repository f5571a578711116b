print("ovnip-bench: no benchmarks yet")
