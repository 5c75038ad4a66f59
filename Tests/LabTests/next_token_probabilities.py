#!/usr/bin/env python3
"""What Hugging Face `transformers` gives as the sampling distribution of each token a generation
wrote, for `Tests/LabTests/LabGenerateRouteTests.swift` (which runs it; it needs `torch` and
`transformers`) or by hand:

    python3 Tests/LabTests/next_token_probabilities.py DIR REQUEST.json

REQUEST holds `prompt`, `temperature` (> 0), `top_k` (null: all tokens) and `written` (the ids the
generation drew, in order). For each written token k, the context is the prompt's ids
(AutoTokenizer.from_pretrained(DIR), no special tokens) followed by the first k written ids; the
printed distribution is softmax(logits / temperature) of GPT2LMHeadModel.from_pretrained(DIR) at the
context's last position over the tokenizer's vocabulary, with all but the top_k largest set to 0
and the rest renormalised. Prints `{"prompt_ids": [...], "steps": [[p_0, p_1, ...], ...]}`.
"""
import json
import sys

import torch
from transformers import AutoTokenizer, GPT2LMHeadModel


def distributions(folder, request):
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = GPT2LMHeadModel.from_pretrained(folder).float().eval()
    prompt_ids = tokenizer(request["prompt"], add_special_tokens=False)["input_ids"]
    vocabulary = len(tokenizer)
    steps = []
    for k in range(len(request["written"])):
        context = prompt_ids + request["written"][:k]
        with torch.no_grad():
            logits = model(torch.tensor([context])).logits[0, -1, :vocabulary].double()
        probabilities = torch.softmax(logits / request["temperature"], dim=0)
        if request["top_k"] is not None and request["top_k"] < vocabulary:
            threshold = torch.topk(probabilities, request["top_k"]).values[-1]
            probabilities = torch.where(probabilities >= threshold, probabilities, torch.zeros_like(probabilities))
            probabilities = probabilities / probabilities.sum()
        steps.append([float(p) for p in probabilities])
    return {"prompt_ids": prompt_ids, "steps": steps}


if __name__ == "__main__":
    from oracle_result import write_result

    with open(sys.argv[2], encoding="utf-8") as f:
        write_result(distributions(sys.argv[1], json.load(f)))
