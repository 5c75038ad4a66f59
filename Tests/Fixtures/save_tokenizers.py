"""Saves the byte-level BPE of Tests/Fixtures/huggingface/tokenizer with the post-processors today's
tools write, and writes the ids `tokenizers` gives for a text under each, as JSON {name: ids} (see
oracle_result.py).
Usage: save_tokenizers.py OUT_FOLDER TEXT_FILE
- plain: `transformers` GPT2TokenizerFast from vocab.json and merges.txt, save_pretrained
  (transformers 5 writes a TemplateProcessing post-processor of $A alone);
- bos: the same with add_bos_token=True (<|endoftext|> $A);
- around: a TemplateProcessing of <|endoftext|> $A <|endoftext|>;
- sequence: a Sequence of ByteLevel(trim_offsets=False) and TemplateProcessing(<|endoftext|> $A);
- bytelevel-P-T: a ByteLevel post-processor with add_prefix_space P and trim_offsets T;
- bert: a BertProcessing post-processor (which the workbench refuses by name)."""
import os
import shutil
import sys
import tempfile

from tokenizers import Tokenizer, processors
from transformers import GPT2TokenizerFast

from oracle_result import write_result

out, text_path = sys.argv[1], sys.argv[2]
source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "huggingface", "tokenizer")
text = open(text_path, encoding="utf-8").read()
ids = {}


def save(name, tokenizer):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    path = os.path.join(out, name, "tokenizer.json")
    tokenizer.save(path)
    ids[name] = Tokenizer.from_file(path).encode(text).ids


# GPT-2's two files alone, so that transformers builds the fast tokenizer (and its post-processor) itself.
files = tempfile.mkdtemp()
for name in ("vocab.json", "merges.txt"):
    shutil.copy(os.path.join(source, name), files)
for name, bos in [("plain", False), ("bos", True)]:
    fast = GPT2TokenizerFast.from_pretrained(files, add_bos_token=bos)
    fast.save_pretrained(os.path.join(out, name))
    path = os.path.join(out, name, "tokenizer.json")
    ids[name] = Tokenizer.from_file(path).encode(text).ids
    assert ids[name] == fast(text)["input_ids"]

base = Tokenizer.from_file(os.path.join(source, "tokenizer.json"))
eot = base.token_to_id("<|endoftext|>")
base.post_processor = processors.TemplateProcessing(
    single="<|endoftext|> $A <|endoftext|>", pair="$A $B", special_tokens=[("<|endoftext|>", eot)])
save("around", base)
base.post_processor = processors.Sequence([
    processors.ByteLevel(trim_offsets=False),
    processors.TemplateProcessing(single="<|endoftext|> $A", pair="$A $B", special_tokens=[("<|endoftext|>", eot)]),
])
save("sequence", base)
for prefix in (False, True):
    for trim in (False, True):
        base.post_processor = processors.ByteLevel(add_prefix_space=prefix, trim_offsets=trim)
        save(f"bytelevel-{str(prefix).lower()}-{str(trim).lower()}", base)
base.post_processor = processors.BertProcessing(("<|endoftext|>", eot), ("<|endoftext|>", eot))
save("bert", base)
shutil.rmtree(files)
write_result(ids)
