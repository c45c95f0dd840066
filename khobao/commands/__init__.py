"""One module per `khobao` verb; each exposes a click command named `command`."""
