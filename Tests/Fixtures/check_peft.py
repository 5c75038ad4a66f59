#!/usr/bin/env python3
"""Puts the LoRA adapters written by `workbench export --adapter A --to BASE --peft DIR` on the base
with Hugging Face PEFT and writes what it computes on a text file, as one JSON object (see
oracle_result.py), for `Tests/WorkbenchCommandsTests/PEFTExportTests.swift` (which runs it; it needs
`torch`, `transformers` and `peft`) or by hand:

    python3 Tests/Fixtures/check_peft.py BASE DIR TEXT.txt [MERGED]

Written, with the windows and loss of `workbench evaluate` (see check_export.py):
`mean_cross_entropy` of PeftModel.from_pretrained(GPT2LMHeadModel.from_pretrained(BASE), DIR);
`base_mean_cross_entropy` of the same model with its adapters disabled; `auto_mean_cross_entropy` of
AutoPeftModelForCausalLM.from_pretrained(DIR), which finds the base through the config's
base_model_name_or_path; `merged_mean_cross_entropy` of GPT2LMHeadModel.from_pretrained(MERGED) (an
export with the adapters folded in) when MERGED is given; `same_tensor_names` (whether the state PEFT
keeps for the adapters has exactly the names of adapter_model.safetensors), `largest_difference`
between the two; `lora_modules` (the modules PEFT put a LoRA layer on) and `fan_in_fan_out`, `r`,
`lora_alpha` and `scaling` as PEFT read them.
"""
import os
import sys

from peft import AutoPeftModelForCausalLM, PeftModel, get_peft_model_state_dict
from safetensors.torch import load_file
from transformers import AutoTokenizer, GPT2LMHeadModel

import check_export
from oracle_result import write_result


def measure(base, adapters, text_path, merged=None):
    """What PEFT computes with the adapters in `adapters` on the base `base` (see the header)."""
    text = open(text_path, encoding="utf-8").read()
    ids = AutoTokenizer.from_pretrained(base)(text, add_special_tokens=False)["input_ids"]
    model = PeftModel.from_pretrained(GPT2LMHeadModel.from_pretrained(base).float(), adapters).eval()
    _, loss = check_export.windows(model, ids)
    with model.disable_adapter():
        _, base_loss = check_export.windows(model, ids)
    _, auto_loss = check_export.windows(AutoPeftModelForCausalLM.from_pretrained(adapters).float().eval(), ids)
    kept = get_peft_model_state_dict(model)
    saved = load_file(os.path.join(adapters, "adapter_model.safetensors"))
    same = set(kept) == set(saved)
    largest = max(float((kept[k].float() - saved[k].float()).abs().max()) for k in saved) if same else None
    layers = [(name, module) for name, module in model.named_modules() if hasattr(module, "lora_A") and "default" in module.lora_A]
    config = model.peft_config["default"]
    result = {
        "mean_cross_entropy": loss,
        "base_mean_cross_entropy": base_loss,
        "auto_mean_cross_entropy": auto_loss,
        "same_tensor_names": same,
        "largest_difference": largest,
        "lora_modules": sorted(name.replace("base_model.model.", "") for name, _ in layers),
        "fan_in_fan_out": bool(config.fan_in_fan_out),
        "r": int(config.r),
        "lora_alpha": float(config.lora_alpha),
        "scaling": float(layers[0][1].scaling["default"]) if layers else None,
    }
    if merged:
        _, result["merged_mean_cross_entropy"] = check_export.windows(GPT2LMHeadModel.from_pretrained(merged).float().eval(), ids)
    return result


if __name__ == "__main__":
    write_result(measure(*sys.argv[1:5]))
