"""Real models from Hugging Face folders, stepped by kvviz's engine with the same records and checks.

Needs the optional extra ``kvviz[hf]`` (transformers, tokenizers, safetensors); nothing here is
imported until a user asks for a model folder, so the app starts as fast without it.
"""
