# The reports app has no tables of its own: every figure is computed from units, targets and projects.
