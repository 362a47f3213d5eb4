from . import alliance, portal
