from . import configurator, variant
