#!/usr/bin/env python3
"""Loads a directory written by `workbench export` with Hugging Face `transformers` and writes, as one
JSON object (see oracle_result.py), what it computes on a text file, for `Tests/WorkbenchCommandsTests/ExportTransformersTests.swift`
(which runs it; it needs `torch` and `transformers`) or by hand:

    python3 Tests/Fixtures/check_export.py DIR TEXT.txt

Written: `ids` (AutoTokenizer.from_pretrained(DIR) on the text, no special tokens added),
`decoded_matches` (whether decoding the ids gives the text back), `mean_cross_entropy` (the mean
next-token cross-entropy of GPT2LMHeadModel.from_pretrained(DIR) over ⌊(N−1)/T⌋ windows of T =
n_positions tokens with stride T, the convention of `workbench evaluate`), and `logits` at the first
and last position of the first window.
"""
import sys

import torch
import torch.nn.functional as F
from transformers import AutoTokenizer, GPT2LMHeadModel

from oracle_result import write_result


def windows(model, ids):
    """The logits of `model` on ⌊(N−1)/T⌋ windows of T = n_positions of `ids` with stride T, and the mean
    next-token cross-entropy over them (the convention of `workbench evaluate`)."""
    T = model.config.n_positions
    n = (len(ids) - 1) // T
    x = torch.tensor(ids[: n * T]).view(n, T)
    y = torch.tensor(ids[1 : n * T + 1]).view(n, T)
    with torch.no_grad():
        logits = model(input_ids=x).logits.float()
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
    return logits, float(loss)


def measure(folder, text_path):
    """What transformers computes on the text with the directory `folder` (see the header)."""
    text = open(text_path, encoding="utf-8").read()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = GPT2LMHeadModel.from_pretrained(folder).float().eval()
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    decoded = tokenizer.decode(ids, skip_special_tokens=False, clean_up_tokenization_spaces=False)
    logits, loss = windows(model, ids)
    T = model.config.n_positions
    return {
        "ids": ids,
        "decoded_matches": decoded == text,
        "mean_cross_entropy": loss,
        "logits": [{"position": p, "values": [float(v) for v in logits[0, p]]} for p in (0, T - 1)],
    }


if __name__ == "__main__":
    write_result(measure(sys.argv[1], sys.argv[2]))
