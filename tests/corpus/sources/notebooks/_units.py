"""Unit conversions shared by the posts that read measurements."""


def to_volts(millivolts: float) -> float:
    """Return a voltage in millivolts as volts."""
    return millivolts / 1000
