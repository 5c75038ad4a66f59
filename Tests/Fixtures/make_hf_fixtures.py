#!/usr/bin/env python3
"""Makes the Hugging Face fixtures that `Tests/NeuralNetTests/HuggingFaceFixtureTests.swift` reads.

Run by hand (never by CI), offline, from the repository root:

    python3 Tests/Fixtures/make_hf_fixtures.py

Needs `torch`, `transformers`, `tokenizers` and `safetensors` (made with torch 2, transformers 5.24,
tokenizers 0.23). It writes `Tests/Fixtures/huggingface/`:

- `tokenizer/`: a byte-level BPE tokenizer trained by `tokenizers` on the project's glossary
  (`glossary/*.md`), 320 tokens including `<|endoftext|>`, saved as `tokenizer.json` and as GPT-2's
  `vocab.json` + `merges.txt`.
- `gpt2-tiny/`: a randomly initialised `GPT2LMHeadModel` (2 layers, n_embd 64, 4 heads,
  n_positions 64, that tokenizer) saved by `save_pretrained` (F32 `model.safetensors`, the
  `transformer.` prefix, Conv1D weights `[in, out]`, no `lm_head.weight`), its LayerNorm and bias
  parameters perturbed so that a wrong layout cannot go unnoticed.
- `gpt2-small-f16/`: a smaller random GPT-2 (1 layer, n_embd 32, 2 heads, n_positions 32) stored in
  F16 the way older saves were: names without `transformer.`, the `attn.bias`/`attn.masked_bias`
  buffers, and an explicit (tied, equal) `lm_head.weight`.
- `gpt2-small-bf16/`: another such model saved by `save_pretrained` in BF16.
- `wordpiece-tokenizer.json`: a WordPiece tokenizer (an unsupported kind).
- `test-text.txt`: text with Unicode, emoji, runs of spaces and newlines, digits and contractions.
- `reference.json`: what those libraries compute on the test text: the ids (`tokenizers`), and for
  each model the mean next-token cross-entropy over windows of n_positions tokens with stride
  n_positions (the convention of `workbench evaluate`) and logits at a few positions, computed in
  float32 with the weights as stored (the half-precision models upcast to float32).
"""
import glob
import json
import os
import shutil

import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import GPT2Config, GPT2LMHeadModel

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "huggingface")

TEST_TEXT = (
    "Gradient descent doesn't care what you call it; it's just arithmetic. We'll see.\n"
    "  Indented by two spaces,    then four inside, and a tab\there.\n\n\n"
    "Numbers: 3.14159, 2026, 1,000,000 and 42nd — plus ½ and ² too.\n"
    "Unicode: naïve café, Größe, Ελληνικά, русский, 日本語のテキスト, العربية.\n"
    "Emoji: 🙂 👩‍👩‍👧 🚀🚀 ✨ and a flag 🇫🇷!\n"
    "She said \"I'm sure you're right\", they'd agree, I've checked, you'll see.\n"
    "   \n"
    "The loss fell from 5.81 to 1.23 nats after 1000 steps (batch 32, lr 3e-4).\n"
    "Trailing spaces   \n"
    "<|endoftext|>A new document starts after the end-of-text token.\n"
)


def glossary_text():
    paths = sorted(glob.glob(os.path.join(ROOT, "glossary", "*.md")))
    return [open(p, encoding="utf-8").read() for p in paths]


def train_tokenizer():
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=320, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), special_tokens=["<|endoftext|>"],
        show_progress=False)
    tokenizer.train_from_iterator(glossary_text(), trainer)
    return tokenizer


def perturb(model, generator):
    """LayerNorm weights 1 + N(0, 0.1²), every bias N(0, 0.02²): nothing is left at its trivial value."""
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith(".bias"):
                parameter.copy_(0.02 * torch.randn(parameter.shape, generator=generator))
            elif ".ln_" in name and name.endswith(".weight"):
                parameter.copy_(1 + 0.1 * torch.randn(parameter.shape, generator=generator))


def make_model(tokenizer, seed, layers, width, heads, positions):
    torch.manual_seed(seed)
    end = tokenizer.token_to_id("<|endoftext|>")
    config = GPT2Config(
        vocab_size=tokenizer.get_vocab_size(), n_positions=positions, n_embd=width, n_layer=layers, n_head=heads,
        bos_token_id=end, eos_token_id=end)
    model = GPT2LMHeadModel(config)
    perturb(model, torch.Generator().manual_seed(seed))
    return model.eval()


def reference(model, ids, positions):
    """Mean cross-entropy over ⌊(N−1)/T⌋ windows with stride T, and logits at a few places."""
    T = model.config.n_positions
    n = (len(ids) - 1) // T
    x = torch.tensor(ids[: n * T]).view(n, T)
    y = torch.tensor(ids[1 : n * T + 1]).view(n, T)
    with torch.no_grad():
        logits = model(x).logits.float()
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), reduction="mean")
    return {
        "block_size": T,
        "windows": n,
        "mean_cross_entropy": float(loss),
        "logits": [
            {"window": w, "position": p, "values": [float(v) for v in logits[w, p]]} for (w, p) in positions if w < n
        ],
    }


def float32_copy(model, folder):
    """`model`'s architecture with the weights stored in `folder`/model.safetensors upcast to float32."""
    state = {k: v.float() for k, v in load_file(os.path.join(folder, "model.safetensors")).items()}
    state = {(k if k.startswith("transformer.") or k == "lm_head.weight" else "transformer." + k): v for k, v in state.items()}
    state = {k: v for k, v in state.items() if not (k.endswith(".attn.bias") or k.endswith(".attn.masked_bias"))}
    copy = GPT2LMHeadModel(model.config).float().eval()
    missing, unexpected = copy.load_state_dict(state, strict=False)
    assert not unexpected and all(k == "lm_head.weight" for k in missing), (missing, unexpected)
    copy.tie_weights()
    return copy


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    with open(os.path.join(OUT, "test-text.txt"), "w", encoding="utf-8") as f:
        f.write(TEST_TEXT)

    tokenizer = train_tokenizer()
    tokenizer_folder = os.path.join(OUT, "tokenizer")
    os.makedirs(tokenizer_folder)
    tokenizer.save(os.path.join(tokenizer_folder, "tokenizer.json"))
    tokenizer.model.save(tokenizer_folder)  # vocab.json + merges.txt
    ids = tokenizer.encode(TEST_TEXT).ids
    assert tokenizer.decode(ids, skip_special_tokens=False) == TEST_TEXT

    result = {"ids": ids, "vocab_size": tokenizer.get_vocab_size(), "models": {}}

    tiny = make_model(tokenizer, seed=13, layers=2, width=64, heads=4, positions=64)
    folder = os.path.join(OUT, "gpt2-tiny")
    tiny.save_pretrained(folder)
    shutil.copy(os.path.join(tokenizer_folder, "tokenizer.json"), folder)
    result["models"]["gpt2-tiny"] = reference(tiny, ids, [(0, 0), (0, 1), (0, 37), (0, 63), (2, 5)])

    # F16, stored as older saves were (no prefix, attention buffers, an explicit tied lm_head).
    small = make_model(tokenizer, seed=14, layers=1, width=32, heads=2, positions=32)
    folder = os.path.join(OUT, "gpt2-small-f16")
    os.makedirs(folder)
    small.config.save_pretrained(folder)
    state = {}
    for name, tensor in small.state_dict().items():
        if name == "lm_head.weight":
            state[name] = tensor.clone().half()
        else:
            state[name.removeprefix("transformer.")] = tensor.clone().half()
    T = small.config.n_positions
    for layer in range(small.config.n_layer):
        state[f"h.{layer}.attn.bias"] = torch.tril(torch.ones(T, T)).view(1, 1, T, T).half()
        state[f"h.{layer}.attn.masked_bias"] = torch.tensor(-1e4).half()
    save_file(state, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    shutil.copy(os.path.join(tokenizer_folder, "vocab.json"), folder)
    shutil.copy(os.path.join(tokenizer_folder, "merges.txt"), folder)
    result["models"]["gpt2-small-f16"] = reference(float32_copy(small, folder), ids, [(0, 0), (0, 31), (3, 7)])

    small_bf16 = make_model(tokenizer, seed=15, layers=1, width=32, heads=2, positions=32)
    folder = os.path.join(OUT, "gpt2-small-bf16")
    small_bf16.to(torch.bfloat16).save_pretrained(folder)
    shutil.copy(os.path.join(tokenizer_folder, "tokenizer.json"), folder)
    result["models"]["gpt2-small-bf16"] = reference(float32_copy(small_bf16.float(), folder), ids, [(0, 0), (1, 20)])

    wordpiece = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    wordpiece.pre_tokenizer = pre_tokenizers.Whitespace()
    wordpiece.train_from_iterator(glossary_text()[:2], trainers.WordPieceTrainer(vocab_size=60, special_tokens=["[UNK]"], show_progress=False))
    wordpiece.save(os.path.join(OUT, "wordpiece-tokenizer.json"))

    with open(os.path.join(OUT, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(d, name)) for d, _, names in os.walk(OUT) for name in names)
    print(f"wrote {OUT} ({total} bytes); {len(ids)} test-text tokens")


if __name__ == "__main__":
    main()
