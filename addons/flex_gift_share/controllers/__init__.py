from . import cart, gift, portal
