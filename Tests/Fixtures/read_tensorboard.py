"""Reads the TensorBoard event files in a folder with TensorBoard's own EventAccumulator and writes
{"scalars": {tag: [[step, value], ...]}, "events": number of scalar events} as JSON (see oracle_result.py);
a value that is not finite is written as the text "nan", "inf" or "-inf" (JSON has no such numbers).
Usage: read_tensorboard.py FOLDER"""
import math
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from oracle_result import write_result

accumulator = EventAccumulator(sys.argv[1], size_guidance={"scalars": 0})
accumulator.Reload()
scalars = {
    tag: [[event.step, event.value if math.isfinite(event.value) else str(event.value)] for event in accumulator.Scalars(tag)]
    for tag in accumulator.Tags()["scalars"]
}
write_result({"scalars": scalars, "events": sum(len(values) for values in scalars.values())})
