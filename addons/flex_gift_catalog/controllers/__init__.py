from . import configurator
