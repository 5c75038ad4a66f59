"""How the oracle scripts hand their result to the Swift tests (Tests/PythonOracle): as JSON in the
file named by the environment variable ORACLE_RESULT, so that whatever the libraries print on
standard output (DeepSpeed's accelerator warning comes there when transformers loads a model with
`accelerate` installed) cannot garble it. Run by hand, without ORACLE_RESULT, a script prints its
result on standard output instead."""
import json
import os


def write_result(value):
    """Writes `value` as JSON to $ORACLE_RESULT, or prints it when the variable is not set."""
    path = os.environ.get("ORACLE_RESULT")
    if path:
        with open(path, "w", encoding="utf-8") as result:
            json.dump(value, result)
    else:
        print(json.dumps(value))
