// One post-processing lane of the compute unit: one element of POST, ALU or ADD a cycle, or one
// window tap of POOL (docs/ISA.md). The instruction's fields come decoded from the compute unit;
// the lane's own operands are its input element, its 12-byte record (POST's bias, multiplier and
// shift; an ALU table entry) and its 8-byte accumulator entry.
//
// The datapath is shared by the four instructions: one 64-bit adder before the product (POST's
// accumulator + bias, POOL's window + tap), one 33×33 multiplier (four DSP48E1 tiles: POST's
// requantization, POOL's average, ADD's rescale, the sigmoid's interpolation), one 64-bit adder
// after it (ADD's partial sum), one rounding shifter and one clamp. Values are 64-bit where
// docs/NUMERICS.md defines them so (the wrapping sums, the saturating left shift); the clamps and
// saturations test sign bits against int32 bounds.
module vggc_lane
#(
    parameter int EBITS = 8
) (
    input  logic              clk,
    // Advance the POOL window (a tap of the instruction was processed).
    input  logic              step,
    input  logic              is_post,
    input  logic              is_alu,
    input  logic              is_add,
    input  logic              is_pool,
    input  logic [1:0]        element_shift,
    // POST: log2 of the accumulator entry's bytes, requantization kind, saturation.
    input  logic [1:0]        accumulator_shift,
    input  logic [1:0]        requantization,
    input  logic              saturate,
    // ALU: the operation.
    input  logic              lookup,
    input  logic              sigmoid,
    // ADD: add to the partial sum read.
    input  logic              accumulate,
    // POOL: average (else max), first tap of the window.
    input  logic              average,
    input  logic              first_tap,
    // ADD's and POOL's zero points, multiplier and shift; the clamp of the instruction.
    input  logic [31:0]       input_zero_point,
    input  logic [31:0]       output_zero_point,
    input  logic [32:0]       multiplier,
    input  logic [5:0]        shift,
    input  logic [31:0]       clamp_low,
    input  logic [31:0]       clamp_high,
    input  logic [EBITS-1:0]  input_data,
    input  logic [95:0]       record,
    input  logic [63:0]       accumulator,
    output logic [EBITS-1:0]  result,
    // ADD's new partial sum.
    output logic [63:0]       partial_sum
);
  logic signed [63:0] q, difference, running, saturated, product, accumulated, shifted, scaled, offset, maximum, chosen;
  logic [EBITS-1:0] value;
  logic signed [63:0] window;
  logic signed [32:0] factor, multiplicand;
  logic [31:0] amount;

  always_comb begin
    q = vggc_arith_pkg::sign_extend(64'($signed(input_data)), 4'd1 << element_shift);
    difference = q - vggc_arith_pkg::sign_extend(64'(input_zero_point), 4'd4);
    // POST: accumulator + bias; POOL: the window's sum so far + this tap.
    running = (is_post ? vggc_arith_pkg::sign_extend(accumulator, 4'd1 << accumulator_shift) : first_tap ? 64'sd0 : window)
        + (is_post ? vggc_arith_pkg::sign_extend(64'(record[31:0]), 4'd4) : difference);
    saturated = vggc_arith_pkg::saturate_int32(running);
    maximum = first_tap || q > window ? q : window;
    // The product: POST's a × multiplier, the sigmoid's (K[i+1] − K[i]) × offset, ADD's (q − zp) ×
    // multiplier, POOL's sum × reciprocal.
    if (is_alu) factor = 33'($signed(record[63:32])) - 33'($signed(record[31:0]));
    else if (is_add) factor = 33'(difference);
    else factor = 33'(saturated);
    if (is_post) multiplicand = 33'($signed(record[63:32]));
    else if (is_alu) multiplicand = 33'(vggc_arith_pkg::sigmoid_offset(32'(q)));
    else multiplicand = multiplier;
    product = vggc_arith_pkg::wide_product(factor, multiplicand);
    accumulated = (accumulate ? $signed(accumulator) : 64'sd0) + product;
    // The rounding shift: POST's shift-only requantization shifts a, ADD its partial sum, the rest
    // the product (POST's cuScale by 16 without rounding, the sigmoid by 8).
    if (is_post && requantization == 2'(vggc_isa_pkg::POST_REQUANTIZATION_SHIFT)) shifted = saturate ? saturated : running;
    else if (is_add) shifted = accumulated;
    else shifted = product;
    if (is_post) amount = requantization[1] ? 32'd16 : record[95:64];
    else if (is_alu) amount = 32'd8;
    else amount = 32'(shift);
    scaled = vggc_arith_pkg::shift_right(shifted, amount, !(is_post && requantization[1]));
    offset = (is_alu ? vggc_arith_pkg::sign_extend(64'(record[31:0]), 4'd4) : vggc_arith_pkg::sign_extend(64'(output_zero_point), 4'd4))
        + scaled;
    if (is_alu) chosen = q;
    else if (is_pool && !average) chosen = maximum;
    else chosen = offset;
    if (is_alu && lookup) value = EBITS'(vggc_arith_pkg::sign_extend(64'(record[7:0]), 4'd1));
    else if (is_alu && sigmoid) value = EBITS'(vggc_arith_pkg::sigmoid(q[31], offset));
    else value = EBITS'(vggc_arith_pkg::clamp(chosen, clamp_low, clamp_high));
  end

  assign result = value;
  assign partial_sum = accumulated;

  // The window is read only from a POOL's second tap on, after this POOL's first tap wrote it.
  always_ff @(posedge clk) begin
    if (step && is_pool) window <= average ? running : maximum;
  end
endmodule
