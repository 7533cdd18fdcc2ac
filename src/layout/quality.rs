//! Layout quality measures: what tests and benchmarks compare, instead of eyeballing.
