"""Wrong-shape and wrong-dtype calls of each chapter's contract functions (tests/test_student.py).

Each must raise a ValueError whose message is one line and names the expected shape or type. Keyed
by the chapter's two-digit number; the calls run after the chapter body has defined the functions.
"""
BAD_CALLS = {
    "01": [
        'softmax("not logits")',
        "cross_entropy(np.zeros((4, 3)), np.zeros(4))",
        "softmax_cross_entropy_grad(np.zeros(3), np.zeros(3, dtype=int))",
    ],
    "02": [
        "sgd_step(np.zeros(3), np.zeros(4), np.zeros(3), 0.1)",
        "adam_step(np.zeros(3), np.zeros(3), np.zeros(2), np.zeros(3), 1)",
    ],
    "03": [
        "conv2d(np.zeros((3, 5)), np.zeros((3, 3, 1, 1)))",
        "conv2d(np.zeros((1, 5, 5, 2)), np.zeros((3, 3, 3, 1)))",
        "max_pool2d(np.zeros((4, 4)))",
        "avg_pool2d(np.zeros((4, 4)))",
    ],
    "04": [
        "simple_rnn_forward(np.zeros((2, 3)), np.zeros((3, 4)), np.zeros((4, 4)), np.zeros(4))",
        "lstm_forward(np.zeros((2, 5, 3)), np.zeros((3, 8)), np.zeros((4, 16)), np.zeros(16))",
        "gru_forward(np.zeros((2, 5, 3)), np.zeros((3, 12)), np.zeros((4, 12)), np.zeros(12))",
    ],
    "05": [
        "scaled_dot_product_attention(np.zeros((2, 3, 4)), np.zeros((2, 5, 6)), np.zeros((2, 5, 4)))",
        "scaled_dot_product_attention(np.zeros((3, 4)), np.zeros((5, 4)), np.zeros((5, 4)),"
        " mask=np.ones((3, 3), dtype=bool))",
    ],
    "06": [
        "gpt_param_count(100, 64.0, 2, 4, 256, 128)",
        "gpt_param_count(100, 64, 2, 3, 256, 128)",
        "forward_flops_per_token(100, 64, 0, 256, 128)",
        "training_flops(np.zeros(3), 300e9)",
        'training_memory_bytes("175B")',
    ],
    "07": [
        "distillation_loss(np.zeros(3), np.zeros(3), np.zeros(3, dtype=int))",
        "distillation_loss_grad(np.zeros((4, 3)), np.zeros((4, 2)), np.zeros(4, dtype=int))",
        "quantize_int8(np.zeros((0, 3)))",
        "quantize_int8_per_channel(np.zeros(5))",
        "dequantize(np.zeros(3), 0.1, 0)",
        "magnitude_prune(np.zeros((3, 3)), 1.5)",
    ],
}
