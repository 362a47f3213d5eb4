from . import alliance, application, portal, referral
