// NeuralNet: layers, losses, optimizers and checkpoints built on the Autograd engine.
