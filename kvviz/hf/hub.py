"""A model named as on the Hugging Face Hub (``hf:gpt2``), found in the local cache.

Offline is the default: the name resolves only to a snapshot already in the local cache
(``HF_HUB_CACHE``, by default ``~/.cache/huggingface/hub``). Only when the user asks
(``--download``) does kvviz fetch it, and then only the files a model folder needs.
"""

from __future__ import annotations

from pathlib import Path

from kvviz.hf.folder import ModelFolderError
from kvviz.i18n import translate

PREFIX = "hf:"
#: What a model folder needs from a repository; pickled weights are never fetched.
FILES = ["config.json", "*.safetensors", "model.safetensors.index.json", "tokenizer.json", "tokenizer_config.json"]


def resolve(text: str, *, download: bool = False) -> Path:
    """The local folder of the model ``text`` (``hf:NAME``) names; ModelFolderError if it is not cached."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError, LocalEntryNotFoundError

    name = text.removeprefix(PREFIX)
    try:
        return Path(snapshot_download(name, local_files_only=not download, allow_patterns=FILES))
    except HFValidationError as exc:
        message = translate("hf.hub", "is not a Hugging Face model name: {reason}")
        raise ModelFolderError(text, message.format(reason=str(exc).splitlines()[0])) from exc
    except LocalEntryNotFoundError as exc:
        raise ModelFolderError(
            text,
            translate(
                "hf.hub", "is not in the local Hugging Face cache; kvviz does not download unless you pass --download"
            ),
        ) from exc
    except Exception as exc:  # network and hub errors come in many types; each means "not fetched"
        message = translate("hf.hub", "could not be fetched: {reason}")
        raise ModelFolderError(text, message.format(reason=str(exc).splitlines()[0] if str(exc) else exc)) from exc
