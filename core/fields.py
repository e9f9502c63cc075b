import json
from typing import Any

from wagtail.fields import StreamField as WagtailStreamField


class StreamField(WagtailStreamField):
    """A StreamField whose block definitions stay out of migrations.

    The column is JSON either way; keeping block definitions out of migrations means an
    editor-facing change to a block (a help text, a new child block) needs no migration.
    """

    def __init__(self, *args: Any, **kwargs: Any):
        if args:
            block_types, args = args[0] or [], args[1:]
        else:
            block_types = kwargs.pop("block_types", [])
        super().__init__(block_types, *args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if args:
            args = args[1:]
        else:
            kwargs.pop("block_types", None)
        kwargs.pop("verbose_name", None)
        return name, path, args, kwargs

    def to_python(self, value: Any):
        stream_value = super().to_python(value)
        # In a migration the block definitions are missing; keep the raw data readable.
        if value and not self.stream_block.child_blocks and not stream_value._raw_data:
            data = value
            if isinstance(value, str):
                try:
                    data = json.loads(value)
                except ValueError:
                    return stream_value
            if isinstance(data, list):
                return type(stream_value)(self, data, is_lazy=True)
        return stream_value
