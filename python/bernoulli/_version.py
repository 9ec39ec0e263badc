"""The version of this package (the Spark lines it supports are those of its jars: bernoulli.spark_lines())."""
__version__ = "0.1.0"
