"""Reads the TensorBoard event files in a folder with TensorBoard's own EventAccumulator and prints
{"scalars": {tag: [[step, value], ...]}, "events": number of scalar events} as JSON.
Usage: read_tensorboard.py FOLDER"""
import json
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

accumulator = EventAccumulator(sys.argv[1], size_guidance={"scalars": 0})
accumulator.Reload()
scalars = {tag: [[event.step, event.value] for event in accumulator.Scalars(tag)] for tag in accumulator.Tags()["scalars"]}
print(json.dumps({"scalars": scalars, "events": sum(len(values) for values in scalars.values())}))
