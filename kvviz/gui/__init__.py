"""The desktop app: Qt widgets that render the core's step records and never do model math."""
