// The integer arithmetic of docs/NUMERICS.md and docs/ISA.md as functions shared by the compute
// unit's lanes: rounding shifts, saturation, clamps, sign extension and the Q10 sigmoid. Every value
// is carried as a signed 64-bit integer, as the Swift model (AcceleratorState) carries it.
package vggc_arith_pkg;
  localparam logic signed [63:0] INT64_MIN = {1'b1, 63'd0};
  localparam logic signed [63:0] INT64_MAX = {1'b0, {63{1'b1}}};
  localparam logic signed [63:0] INT32_MIN = -64'sd2147483648;
  localparam logic signed [63:0] INT32_MAX = 64'sd2147483647;

  // The low `bytes` bytes (1, 2, 4 or 8) of `raw`, sign-extended.
  function automatic logic signed [63:0] sign_extend(input logic [63:0] raw, input logic [3:0] bytes);
    case (bytes)
      4'd1: sign_extend = {{56{raw[7]}}, raw[7:0]};
      4'd2: sign_extend = {{48{raw[15]}}, raw[15:0]};
      4'd4: sign_extend = {{32{raw[31]}}, raw[31:0]};
      default: sign_extend = raw;
    endcase
  endfunction

  // `x` clamped to the int32 range.
  function automatic logic signed [63:0] saturate_int32(input logic signed [63:0] x);
    if (x < INT32_MIN) saturate_int32 = INT32_MIN;
    else if (x > INT32_MAX) saturate_int32 = INT32_MAX;
    else saturate_int32 = x;
  endfunction

  // The int64 (wrapping) product of `a` and `b` for values that fit 33 bits (a 33×33 multiply, four
  // DSP48E1s).
  function automatic logic signed [63:0] wide_product(input logic signed [32:0] a, input logic signed [32:0] b);
    wide_product = 64'(a) * 64'(b);
  endfunction

  // `x` clamped to [low, high] (two 32-bit two's complement bounds).
  function automatic logic signed [63:0] clamp(input logic signed [63:0] x, input logic [31:0] low, input logic [31:0] high);
    logic signed [63:0] lo;
    logic signed [63:0] hi;
    lo = {{32{low[31]}}, low};
    hi = {{32{high[31]}}, high};
    if (x < lo) clamp = lo;
    else if (x > hi) clamp = hi;
    else clamp = x;
  endfunction

  // `x · 2^shift`, saturated to the int64 range.
  function automatic logic signed [63:0] saturating_left_shift(input logic signed [63:0] x, input logic [31:0] shift);
    logic [63:0] magnitude;
    magnitude = x[63] ? 64'(-x) : 64'(x);
    if (x == 64'sd0) saturating_left_shift = 64'sd0;
    else if (shift < 32'd63 && magnitude <= (64'(INT64_MAX) >> shift[5:0])) saturating_left_shift = x <<< shift[5:0];
    else saturating_left_shift = x[63] ? INT64_MIN : INT64_MAX;
  endfunction

  // `floor(x / 2^shift + 1/2)` (docs/NUMERICS.md `rshift_round`); a negative `shift` (a 32-bit two's
  // complement value) is a saturating left shift.
  function automatic logic signed [63:0] rounding_shift(input logic signed [63:0] x, input logic [31:0] shift);
    if (shift == 32'd0) rounding_shift = x;
    else if (shift[31]) rounding_shift = saturating_left_shift(x, 32'(-shift));
    else if (shift >= 32'd64) rounding_shift = x[63] ? -64'sd1 : 64'sd0;
    else rounding_shift = (x >>> shift[5:0]) + ((x >>> (shift[5:0] - 6'd1)) & 64'sd1);
  endfunction

  // The segment of the Q10 sigmoid (docs/NUMERICS.md, `de1soc-q10`) that `x` falls in, 0...31.
  function automatic logic [4:0] sigmoid_segment(input logic [31:0] x);
    logic [32:0] magnitude;
    magnitude = x[31] ? 33'(-{1'b1, x}) : {1'b0, x};
    if (magnitude >= 33'd8192) sigmoid_segment = 5'd31;
    else sigmoid_segment = magnitude[12:8];
  endfunction

  // How far `x` lies into its segment of the Q10 sigmoid, 0...256: the interpolation's factor.
  function automatic logic [8:0] sigmoid_offset(input logic [31:0] x);
    logic [32:0] magnitude;
    magnitude = x[31] ? 33'(-{1'b1, x}) : {1'b0, x};
    if (magnitude > 33'd8192) magnitude = 33'd8192;
    sigmoid_offset = 9'(magnitude - 33'({sigmoid_segment(x), 8'd0}));
  endfunction

  // The Q10 sigmoid of `x` (`negative`: its sign) from the knot `low` = K[i] of its segment `i` and
  // `interpolation`, the product (K[i + 1] − K[i]) · sigmoid_offset(x).
  function automatic logic signed [63:0] sigmoid(input logic negative, input logic [31:0] low, input logic signed [63:0] interpolation);
    logic signed [63:0] positive;
    positive = sign_extend(64'(low), 4'd4) + rounding_shift(interpolation, 32'd8);
    sigmoid = sign_extend(64'(negative ? 64'sd1024 - positive : positive), 4'd4);
  endfunction
endpackage
