"""The versions this package was built with: its own, and the Spark version of the bundled jar."""
__version__ = "0.1.0"
SPARK_VERSION = "4.2.0"
