"""What both YAML readers share without importing either: the nesting limit and the UTF-8 byte-order mark."""

MAX_DEPTH = 64
UTF8_BOM = b"\xef\xbb\xbf"
