"""Pure values and rules: no Qt, no SQLAlchemy, no torch. Time is always passed in."""
