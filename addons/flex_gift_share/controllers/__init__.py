from . import gift, portal
