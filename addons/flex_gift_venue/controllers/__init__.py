from . import alliance, application, monitoring, portal, referral
