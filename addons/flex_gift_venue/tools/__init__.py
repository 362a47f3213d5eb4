from . import documents, pricing
