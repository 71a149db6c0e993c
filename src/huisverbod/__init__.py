"""huisverbod: joint assessment, orders and monitoring for the Wet tijdelijk huisverbod."""

__version__ = "0.1.0"
