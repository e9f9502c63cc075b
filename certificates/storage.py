"""Certificate PDFs are private: served only through views that check who is asking.

On local disk they live outside MEDIA_ROOT (nothing serves that folder); with object storage
they get a private ACL and signed URLs under their own prefix (settings.STORAGES).
"""

from django.core.files.storage import storages


def certificate_storage():
    return storages["certificates"]
