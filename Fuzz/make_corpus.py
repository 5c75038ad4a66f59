#!/usr/bin/env python3
"""Writes the committed seed corpus Fuzz/Corpus/<target>/ from real files of the repository and
tiny workbench files made here in the workbench's own formats (run from the repository root):

- safetensors, checkpoint: tiny GPT checkpoints (1 block, width 4) in the layout and metadata of
  `Checkpoint.save` (config + character tokenizer), float32 and the bf16/f16 Hugging Face fixtures' headers;
- training-state: the same model with AdamW moments and a `training_state` header as `TrainingState.save` writes;
- hf-config, tokenizer-json, vocab-merges: Tests/Fixtures/huggingface (vocab and merges joined by a NUL byte);
- glossary-entry: every glossary/*.md;  hardware: the hardware files of HardwareFileTests;
- metrics: a metrics.json in LessonResult's format (and, committed, a real quick backprop run's);  png: small PNGs (Pillow) and their IHDR prefixes.
Deterministic: numpy's generator with seed 0; the same script gives the same bytes."""
import json, os, struct
import numpy as np

ROOT = "Fuzz/Corpus"
FIX = "Tests/Fixtures/huggingface"
rng = np.random.default_rng(0)


def out(target, name, data):
    os.makedirs(f"{ROOT}/{target}", exist_ok=True)
    with open(f"{ROOT}/{target}/{name}", "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def safetensors(tensors, metadata, dtype="F32"):
    """The workbench's layout: sorted names, data back to back, header padded with spaces to 8 bytes."""
    header, data = {}, b""
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        shape, values = tensors[name]
        raw = np.asarray(values, dtype={"F32": "<f4", "F16": "<f2"}[dtype]).tobytes()
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + data


def gpt_tensors(vocab, block, width, layers, prefix=""):
    shapes = {"wte.weight": [vocab, width], "wpe.weight": [block, width], "ln_f.weight": [width], "ln_f.bias": [width]}
    for i in range(layers):
        p = f"h.{i}."
        shapes.update({
            p + "ln_1.weight": [width], p + "ln_1.bias": [width], p + "ln_2.weight": [width], p + "ln_2.bias": [width],
            p + "attn.c_attn.weight": [3 * width, width], p + "attn.c_attn.bias": [3 * width],
            p + "attn.c_proj.weight": [width, width], p + "attn.c_proj.bias": [width],
            p + "mlp.c_fc.weight": [4 * width, width], p + "mlp.c_fc.bias": [4 * width],
            p + "mlp.c_proj.weight": [width, 4 * width], p + "mlp.c_proj.bias": [width],
        })
    return {prefix + k: (s, rng.standard_normal(int(np.prod(s))).astype(np.float32) * 0.1) for k, s in shapes.items()}


def config(vocab, block, width, heads, layers):
    return json.dumps({"block_size": block, "n_embd": width, "n_head": heads, "n_layer": layers, "vocab_size": vocab},
                      separators=(",", ":"), sort_keys=True)


def main():
    # Files are overwritten, never deleted: metrics/lesson.json is a real `workbench run backprop --quick`
    # metrics.json, committed as it was written.
    chars = ["\n", " ", "a", "b", "c", "t"]
    tok = json.dumps(chars, separators=(",", ":"))
    bpe = open(f"{FIX}/tokenizer/tokenizer.json").read()
    for name, (vocab, block, width, heads, layers, tokenizer) in {
        "char-1x4": (6, 4, 4, 1, 1, tok), "char-2x8": (6, 8, 8, 2, 2, tok), "bpe-1x4": (json.loads(bpe)["model"]["vocab"].__len__() + 1, 4, 4, 1, 1, bpe),
    }.items():
        tensors = gpt_tensors(vocab, block, width, layers)
        meta = {"config": config(vocab, block, width, heads, layers), "tokenizer": tokenizer, "format": "pt"}
        file = safetensors(tensors, meta)
        out("checkpoint", name + ".safetensors", file)
        out("safetensors", name + ".safetensors", file)
        # The training state: model.*, adam_m.*, adam_v.* (flat) and the header.
        state = {"model." + k: v for k, v in tensors.items()}
        for k, (s, v) in tensors.items():
            n = int(np.prod(s))
            state["adam_m." + k] = ([n], np.abs(rng.standard_normal(n)).astype(np.float32) * 1e-3)
            state["adam_v." + k] = ([n], np.abs(rng.standard_normal(n)).astype(np.float32) * 1e-6)
        header = {
            "config": json.loads(config(vocab, block, width, heads, layers)), "generatorState": 12345, "optimizerSteps": 2, "step": 2,
            "history": {"elapsedSeconds": 0.5, "evaluationSteps": [0], "learningRate": [1e-3, 2e-3], "referenceLoss": [],
                        "trainingLoss": [1.8, 1.7], "validationLoss": [1.79], "validationLossBefore": 1.8},
            "setup": {"command": "workbench train --text t.txt --output o --size tiny", "kind": "train",
                      "options": {"batchSize": 2, "evaluationInterval": 50, "evaluationWindows": 4, "gradientClip": 1, "learningRate": 0.002,
                                  "minutes": 0.01, "sampleInterval": 0, "sampleLength": 8, "seed": 1, "weightDecay": 0.1},
                      "skipUnknown": False, "texts": [{"byteCount": 12, "fingerprint": "fcfc839563b63180", "path": "t.txt"}],
                      "validationFraction": 0.1},
            "tokenizer": tokenizer,
        }
        out("training-state", name + ".safetensors", safetensors(state, {
            "format": "workbench-training-state-1", "training_state": json.dumps(header, separators=(",", ":"), sort_keys=True)}))
    out("safetensors", "f16.safetensors", safetensors({"a": ([2, 3], np.arange(6)), "b": ([0], [])}, {"k": "v"}, "F16"))
    out("safetensors", "scalar-empty-meta.safetensors", safetensors({"s": ([], [1.5])}, {}))
    for variant in ("gpt2-small-bf16", "gpt2-small-f16"):
        data = open(f"{FIX}/{variant}/model.safetensors", "rb").read()
        out("safetensors", variant + ".safetensors", data)
        out("hf-config", variant + ".json", open(f"{FIX}/{variant}/config.json").read())
    out("hf-config", "gpt2-tiny.json", open(f"{FIX}/gpt2-tiny/config.json").read())
    out("hf-config", "minimal.json", '{"model_type": "gpt2", "n_layer": 1, "n_head": 1, "n_embd": 4, "n_positions": 4, "vocab_size": 6}')
    out("tokenizer-json", "bpe.json", bpe)
    out("tokenizer-json", "wordpiece.json", open(f"{FIX}/wordpiece-tokenizer.json").read())
    out("tokenizer-json", "characters.json", tok)
    vocab = open(f"{FIX}/tokenizer/vocab.json", "rb").read()
    merges = open(f"{FIX}/tokenizer/merges.txt", "rb").read()
    out("vocab-merges", "fixture", vocab + b"\0" + merges)
    out("vocab-merges", "small", b'{"a": 0, "b": 1, "ab": 2, "\\u0120": 3}\0#version: 0.2\na b\n')
    for name in sorted(os.listdir("glossary")):
        if name.endswith(".md"):
            out("glossary-entry", name, open(f"glossary/{name}", "rb").read())
    out("hardware", "override.json", '[{"id": "H100-SXM", "price_per_hour": 1.85}]')
    out("hardware", "new-row.json", '{"accelerators": [\n  {"id": "lab-gpu", "name": "Lab GPU", "peak_tflops": 400, "memory_gb": 48, "power_w": 350,\n'
        '   "price_per_hour": 0, "source": "purchase order \\u00e9\\ud83d\\ude00", "intra_node_gb_per_s": 900, "inter_node_gb_per_s": 50}\n]}')
    metrics = {"lesson": "backprop", "title": "Backprop", "summary": "s", "glossaryTerms": ["autodiff"], "seed": 1, "quick": True,
               "command": "workbench run backprop --quick", "metrics": [{"name": "loss", "value": 0.25, "unit": "nats"}],
               "claims": [{"statement": "c", "passed": True, "detail": "d"}],
               "plots": [{"file": "loss.png", "title": "Loss", "caption": "c", "alt": "a"}], "films": [], "tables": [], "notes": ["n"],
               "history": [], "timings": []}
    out("metrics", "small.json", json.dumps(metrics, indent=2))
    from PIL import Image
    import io
    for w, h, mode in [(1, 1, "RGBA"), (3, 2, "RGB"), (16, 9, "L")]:
        buffer = io.BytesIO()
        Image.new(mode, (w, h)).save(buffer, format="PNG")
        out("png", f"{w}x{h}-{mode}.png", buffer.getvalue())
        out("png", f"{w}x{h}-{mode}-ihdr", buffer.getvalue()[:33])


main()
