#!/usr/bin/env python3
"""Saves randomly initialised `transformers.GPT2LMHeadModel`s of given shapes with `save_pretrained`,
each with the fixture tokenizer (`Tests/Fixtures/huggingface/tokenizer/tokenizer.json`), and writes
what `transformers` computes on a text with each (as `check_export.py` does), as one JSON list (see
oracle_result.py), for
`Tests/WorkbenchCommandsTests/TransformersDirectoryTests.swift` (which runs it; it needs `torch` and
`transformers`) or by hand:

    python3 Tests/Fixtures/make_random_gpt2.py OUT TEXT.txt SPEC...

Each SPEC is `N_LAYER,N_HEAD,N_EMBD,N_POSITIONS,VOCAB_SIZE,DTYPE` (e.g. `2,4,32,32,320,bfloat16`) and is
saved in `OUT/<index>`. VOCAB_SIZE may exceed the tokenizer's 320 tokens (padded embeddings); DTYPE is
float32, float16 or bfloat16. LayerNorm weights and biases are perturbed so that nothing keeps its
trivial value; the seed of model k is 100 + k.
"""
import os
import shutil
import sys

import torch
from transformers import GPT2Config, GPT2LMHeadModel

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_export  # noqa: E402
from oracle_result import write_result  # noqa: E402


def make(folder, seed, layers, heads, width, positions, vocab, dtype):
    torch.manual_seed(seed)
    config = GPT2Config(vocab_size=vocab, n_positions=positions, n_embd=width, n_layer=layers, n_head=heads)
    model = GPT2LMHeadModel(config)
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith(".bias"):
                parameter.copy_(0.02 * torch.randn(parameter.shape, generator=generator))
            elif ".ln_" in name and name.endswith(".weight"):
                parameter.copy_(1 + 0.1 * torch.randn(parameter.shape, generator=generator))
    model.to(getattr(torch, dtype)).save_pretrained(folder)
    shutil.copy(os.path.join(HERE, "huggingface", "tokenizer", "tokenizer.json"), folder)


def main(out, text_path, specs):
    results = []
    for index, spec in enumerate(specs):
        fields = spec.split(",")
        folder = os.path.join(out, str(index))
        make(folder, 100 + index, *map(int, fields[:5]), fields[5])
        results.append(check_export.measure(folder, text_path))
    write_result(results)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
