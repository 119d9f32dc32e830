// The integer arithmetic of docs/NUMERICS.md and docs/ISA.md as functions shared by the compute
// unit's lanes: rounding shifts, saturation, clamps, sign extension and the Q10 sigmoid. Values are
// carried as signed 64-bit integers, as the Swift model (AcceleratorState) carries them; the
// functions are written in the forms that synthesize small (one barrel shifter a rounding shift,
// sign-bit tests instead of 64-bit comparisons where the bound is an int32).
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

  // Whether a 64-bit value whose bits 63…31 are `high` lies in the int32 range: they all equal.
  function automatic logic fits_int32(input logic [32:0] high);
    fits_int32 = high == {33{1'b0}} || high == {33{1'b1}};
  endfunction

  // `x` clamped to the int32 range.
  function automatic logic signed [63:0] saturate_int32(input logic signed [63:0] x);
    if (fits_int32(x[63:31])) saturate_int32 = x;
    else saturate_int32 = x[63] ? INT32_MIN : INT32_MAX;
  endfunction

  // The int64 (wrapping) product of `a` and `b` for values that fit 33 bits (a 33×33 multiply, four
  // DSP48E1s).
  function automatic logic signed [63:0] wide_product(input logic signed [32:0] a, input logic signed [32:0] b);
    wide_product = 64'(a) * 64'(b);
  endfunction

  // `x` clamped to [low, high] (two 32-bit two's complement bounds): outside the int32 range `x` is
  // below `low` (negative) or above `high`, inside it 32-bit comparisons decide.
  function automatic logic signed [63:0] clamp(input logic signed [63:0] x, input logic [31:0] low, input logic [31:0] high);
    if (!fits_int32(x[63:31])) clamp = x[63] ? {{32{low[31]}}, low} : {{32{high[31]}}, high};
    else if ($signed(x[31:0]) < $signed(low)) clamp = {{32{low[31]}}, low};
    else if ($signed(x[31:0]) > $signed(high)) clamp = {{32{high[31]}}, high};
    else clamp = x;
  endfunction

  // `x · 2^shift`, saturated to the int64 range: it fits when bits 63…63−shift of `x` all equal its
  // sign (at x = −2^(63−shift) both forms give INT64_MIN).
  function automatic logic signed [63:0] saturating_left_shift(input logic signed [63:0] x, input logic [31:0] shift);
    logic [63:0] top;
    for (int bit_index = 0; bit_index < 64; bit_index++) top[bit_index] = shift[5:0] >= 6'(63 - bit_index);
    if (x == 64'sd0) saturating_left_shift = 64'sd0;
    else if (shift < 32'd63 && ((x ^ {64{x[63]}}) & top) == 64'd0) saturating_left_shift = x <<< shift[5:0];
    else saturating_left_shift = x[63] ? INT64_MIN : INT64_MAX;
  endfunction

  // `floor(x / 2^shift + 1/2)` (docs/NUMERICS.md `rshift_round`), or `floor(x / 2^shift)` without
  // `round`; a negative `shift` (a 32-bit two's complement value) is a saturating left shift. One
  // barrel shifter: `y = x >> (shift − 1)` gives both `x >> shift = y >> 1` and the rounding bit y[0].
  function automatic logic signed [63:0] shift_right(input logic signed [63:0] x, input logic [31:0] shift, input logic round);
    logic signed [63:0] y, truncated;
    y = x >>> (shift[5:0] - 6'd1);
    truncated = y >>> 1;
    if (shift == 32'd0) shift_right = x;
    else if (shift[31]) shift_right = saturating_left_shift(x, 32'(-shift));
    else if (shift >= 32'd64) shift_right = x[63] ? -64'sd1 : 64'sd0;
    else shift_right = truncated + {63'd0, round & y[0]};
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

  // The Q10 sigmoid of `x` (`negative`: its sign) from `interpolated` = K[i] + roundingShift((K[i + 1] −
  // K[i]) · sigmoid_offset(x), 8), the knot of its segment `i` plus the interpolation.
  function automatic logic signed [63:0] sigmoid(input logic negative, input logic signed [63:0] interpolated);
    sigmoid = sign_extend(64'(negative ? 64'sd1024 - interpolated : interpolated), 4'd4);
  endfunction
endpackage
