// The compute unit (docs/ISA.md): GEMM on the PO×PI×PK×PP array, and POST, POOL, ALU and ADD on
// LANES = PO·PP lanes; also executes compute-unit SYNCs.
//
// GEMM walks output-channel groups of PO, pixel groups of PP, then input-channel groups of PI and
// kernel-position groups of PK; each cycle every PE multiplies one input by one weight and the
// PI·PK products of each (channel, pixel) are summed into a partial sum. The last cycle of a
// (channel group, pixel group) adds the partial sums to the stored ones (or to 0 with `reset`) and
// writes them. A depthwise GEMM gives each of the PO rows its own channel and its PI·PK·PP
// multipliers one pixel each, walking the kernel taps one per cycle.
// POST, ALU and ADD process LANES elements per cycle; POOL gives each lane one output and walks the
// window's taps one per cycle. Every instruction then spends COMPUTE_PIPELINE_CYCLES more cycles
// (the pipeline fill of docs/ISA.md "Timing") before it pushes its tokens.
module vggc_compute_unit
#(
    parameter int MACS = vggc_config_pkg::PO * vggc_config_pkg::PI * vggc_config_pkg::PK * vggc_config_pkg::PP,
    parameter int LANES = vggc_config_pkg::PO * vggc_config_pkg::PP
) (
    input  logic                   clk,
    input  logic                   rst_n,
    input  logic [vggc_isa_pkg::INSTRUCTION_BITS-1:0]           instruction,
    input  logic                   entry_valid,
    output logic                   entry_pop,
    input  logic                   token_from_load,
    input  logic                   token_from_store,
    output logic                   take_token_from_load,
    output logic                   take_token_from_store,
    output logic                   give_token_to_load,
    output logic                   give_token_to_store,
    output logic [MACS*32-1:0]  input_read_address,
    input  logic [MACS*128-1:0] input_read_data,
    output logic [MACS*32-1:0]  weight_read_address,
    input  logic [MACS*128-1:0] weight_read_data,
    output logic [LANES*32-1:0] table_read_address,
    input  logic [LANES*128-1:0] table_read_data,
    output logic [MACS*32-1:0]  accumulator_read_address,
    input  logic [MACS*128-1:0] accumulator_read_data,
    output logic [MACS*32-1:0]  accumulator_write_address,
    output logic [MACS*128-1:0] accumulator_write_data,
    output logic [MACS*5-1:0]   accumulator_write_count,
    output logic [LANES*32-1:0] destination_write_address,
    output logic [LANES*128-1:0] destination_write_data,
    output logic [LANES*5-1:0]  input_write_count,
    output logic [LANES*5-1:0]  output_write_count,
    output logic                   started,
    output logic                   finished
);
  localparam int PO = vggc_config_pkg::PO;
  localparam int PI = vggc_config_pkg::PI;
  localparam int PK = vggc_config_pkg::PK;
  localparam int PP = vggc_config_pkg::PP;
  localparam int DEPTHWISE_LANES = PI * PK * PP;

  logic [3:0] opcode;
  logic running, active, tail_phase;
  logic [31:0] tail;
  // Loop counters and limits: output-channel group, pixel (or element) group, input-channel group,
  // kernel position (group, or tap).
  logic [63:0] m_group, p_group, c_group, k_group;
  logic [63:0] m_groups, p_groups, c_groups, k_groups;
  logic no_work, last_work, reduction_ends, working;

  // GEMM fields.
  logic [63:0] g_element, g_accumulator, g_input_address, g_plane_pitch, g_row_pitch, g_weight_address;
  logic [63:0] g_accumulator_address, g_out_channels, g_in_channels, g_rows, g_columns, g_kh, g_kw;
  logic [63:0] g_sh, g_sw, g_dh, g_dw, g_taps, g_pixels;
  logic g_reset, g_depthwise;
  // Elementwise fields (POST, POOL, ALU, ADD): element width, channels, rows, columns.
  logic [63:0] e_element, e_channels, e_rows, e_columns, e_elements;
  logic [63:0] e_input_address, e_plane_pitch, e_row_pitch;
  logic [63:0] d_address, d_plane_pitch, d_row_pitch;
  logic d_input;
  logic [63:0] pool_kh, pool_kw, pool_sh, pool_sw;

  logic [MACS*64-1:0] partial;
  logic [LANES*64-1:0] largest;
  logic [LANES*64-1:0] maxima;
  logic [MACS*64-1:0] sums;

  assign opcode = instruction[vggc_isa_pkg::END_OPCODE_LSB+:vggc_isa_pkg::END_OPCODE_WIDTH];

  function automatic logic [63:0] ceil_div(input logic [63:0] a, input logic [63:0] b);
    ceil_div = (a + b - 64'd1) / b;
  endfunction

  // Decoding.
  always_comb begin
    g_element = 64'd1 << instruction[vggc_isa_pkg::GEMM_ELEMENT_BYTES_LSB+:vggc_isa_pkg::GEMM_ELEMENT_BYTES_WIDTH];
    g_accumulator = 64'd1 << instruction[vggc_isa_pkg::GEMM_ACCUMULATOR_BYTES_LSB+:vggc_isa_pkg::GEMM_ACCUMULATOR_BYTES_WIDTH];
    g_reset = instruction[vggc_isa_pkg::GEMM_RESET_LSB];
    g_depthwise = instruction[vggc_isa_pkg::GEMM_DEPTHWISE_LSB];
    g_input_address = 64'(instruction[vggc_isa_pkg::GEMM_INPUT_ADDRESS_LSB+:vggc_isa_pkg::GEMM_INPUT_ADDRESS_WIDTH]);
    g_plane_pitch = 64'(instruction[vggc_isa_pkg::GEMM_INPUT_PLANE_PITCH_LSB+:vggc_isa_pkg::GEMM_INPUT_PLANE_PITCH_WIDTH]);
    g_row_pitch = 64'(instruction[vggc_isa_pkg::GEMM_INPUT_ROW_PITCH_LSB+:vggc_isa_pkg::GEMM_INPUT_ROW_PITCH_WIDTH]);
    g_weight_address = 64'(instruction[vggc_isa_pkg::GEMM_WEIGHT_ADDRESS_LSB+:vggc_isa_pkg::GEMM_WEIGHT_ADDRESS_WIDTH]);
    g_accumulator_address = 64'(instruction[vggc_isa_pkg::GEMM_ACCUMULATOR_ADDRESS_LSB+:vggc_isa_pkg::GEMM_ACCUMULATOR_ADDRESS_WIDTH]);
    g_out_channels = 64'(instruction[vggc_isa_pkg::GEMM_OUTPUT_CHANNELS_LSB+:vggc_isa_pkg::GEMM_OUTPUT_CHANNELS_WIDTH]);
    g_in_channels = 64'(instruction[vggc_isa_pkg::GEMM_INPUT_CHANNELS_LSB+:vggc_isa_pkg::GEMM_INPUT_CHANNELS_WIDTH]);
    g_rows = 64'(instruction[vggc_isa_pkg::GEMM_OUTPUT_ROWS_LSB+:vggc_isa_pkg::GEMM_OUTPUT_ROWS_WIDTH]);
    g_columns = 64'(instruction[vggc_isa_pkg::GEMM_OUTPUT_COLUMNS_LSB+:vggc_isa_pkg::GEMM_OUTPUT_COLUMNS_WIDTH]);
    g_kh = 64'(instruction[vggc_isa_pkg::GEMM_KERNEL_HEIGHT_LSB+:vggc_isa_pkg::GEMM_KERNEL_HEIGHT_WIDTH]);
    g_kw = 64'(instruction[vggc_isa_pkg::GEMM_KERNEL_WIDTH_LSB+:vggc_isa_pkg::GEMM_KERNEL_WIDTH_WIDTH]);
    g_sh = 64'(instruction[vggc_isa_pkg::GEMM_STRIDE_HEIGHT_LSB+:vggc_isa_pkg::GEMM_STRIDE_HEIGHT_WIDTH]);
    g_sw = 64'(instruction[vggc_isa_pkg::GEMM_STRIDE_WIDTH_LSB+:vggc_isa_pkg::GEMM_STRIDE_WIDTH_WIDTH]);
    g_dh = 64'(instruction[vggc_isa_pkg::GEMM_DILATION_HEIGHT_LSB+:vggc_isa_pkg::GEMM_DILATION_HEIGHT_WIDTH]);
    g_dw = 64'(instruction[vggc_isa_pkg::GEMM_DILATION_WIDTH_LSB+:vggc_isa_pkg::GEMM_DILATION_WIDTH_WIDTH]);
    g_taps = g_kh * g_kw;
    g_pixels = g_rows * g_columns;

    pool_kh = 64'(instruction[vggc_isa_pkg::POOL_KERNEL_HEIGHT_LSB+:vggc_isa_pkg::POOL_KERNEL_HEIGHT_WIDTH]);
    pool_kw = 64'(instruction[vggc_isa_pkg::POOL_KERNEL_WIDTH_LSB+:vggc_isa_pkg::POOL_KERNEL_WIDTH_WIDTH]);
    pool_sh = 64'(instruction[vggc_isa_pkg::POOL_STRIDE_HEIGHT_LSB+:vggc_isa_pkg::POOL_STRIDE_HEIGHT_WIDTH]);
    pool_sw = 64'(instruction[vggc_isa_pkg::POOL_STRIDE_WIDTH_LSB+:vggc_isa_pkg::POOL_STRIDE_WIDTH_WIDTH]);

    e_element = 64'd1;
    {e_channels, e_rows, e_columns, e_input_address, e_plane_pitch, e_row_pitch} = '0;
    {d_address, d_plane_pitch, d_row_pitch} = '0;
    d_input = 1'b0;
    case (opcode)
      vggc_isa_pkg::OPCODE_POST: begin
        e_element = 64'd1 << instruction[vggc_isa_pkg::POST_ELEMENT_BYTES_LSB+:vggc_isa_pkg::POST_ELEMENT_BYTES_WIDTH];
        e_channels = 64'(instruction[vggc_isa_pkg::POST_CHANNELS_LSB+:vggc_isa_pkg::POST_CHANNELS_WIDTH]);
        e_rows = 64'(instruction[vggc_isa_pkg::POST_ROWS_LSB+:vggc_isa_pkg::POST_ROWS_WIDTH]);
        e_columns = 64'(instruction[vggc_isa_pkg::POST_COLUMNS_LSB+:vggc_isa_pkg::POST_COLUMNS_WIDTH]);
        d_input = instruction[vggc_isa_pkg::POST_DESTINATION_BUFFER_LSB+:vggc_isa_pkg::POST_DESTINATION_BUFFER_WIDTH] == 2'(vggc_isa_pkg::POST_DESTINATION_BUFFER_INPUT);
        d_address = 64'(instruction[vggc_isa_pkg::POST_DESTINATION_ADDRESS_LSB+:vggc_isa_pkg::POST_DESTINATION_ADDRESS_WIDTH]);
        d_plane_pitch = 64'(instruction[vggc_isa_pkg::POST_DESTINATION_PLANE_PITCH_LSB+:vggc_isa_pkg::POST_DESTINATION_PLANE_PITCH_WIDTH]);
        d_row_pitch = 64'(instruction[vggc_isa_pkg::POST_DESTINATION_ROW_PITCH_LSB+:vggc_isa_pkg::POST_DESTINATION_ROW_PITCH_WIDTH]);
      end
      vggc_isa_pkg::OPCODE_POOL: begin
        e_element = 64'd1 << instruction[vggc_isa_pkg::POOL_ELEMENT_BYTES_LSB+:vggc_isa_pkg::POOL_ELEMENT_BYTES_WIDTH];
        e_channels = 64'(instruction[vggc_isa_pkg::POOL_CHANNELS_LSB+:vggc_isa_pkg::POOL_CHANNELS_WIDTH]);
        e_rows = 64'(instruction[vggc_isa_pkg::POOL_OUTPUT_ROWS_LSB+:vggc_isa_pkg::POOL_OUTPUT_ROWS_WIDTH]);
        e_columns = 64'(instruction[vggc_isa_pkg::POOL_OUTPUT_COLUMNS_LSB+:vggc_isa_pkg::POOL_OUTPUT_COLUMNS_WIDTH]);
        e_input_address = 64'(instruction[vggc_isa_pkg::POOL_INPUT_ADDRESS_LSB+:vggc_isa_pkg::POOL_INPUT_ADDRESS_WIDTH]);
        e_plane_pitch = 64'(instruction[vggc_isa_pkg::POOL_INPUT_PLANE_PITCH_LSB+:vggc_isa_pkg::POOL_INPUT_PLANE_PITCH_WIDTH]);
        e_row_pitch = 64'(instruction[vggc_isa_pkg::POOL_INPUT_ROW_PITCH_LSB+:vggc_isa_pkg::POOL_INPUT_ROW_PITCH_WIDTH]);
        d_input = instruction[vggc_isa_pkg::POOL_DESTINATION_BUFFER_LSB+:vggc_isa_pkg::POOL_DESTINATION_BUFFER_WIDTH] == 2'(vggc_isa_pkg::POOL_DESTINATION_BUFFER_INPUT);
        d_address = 64'(instruction[vggc_isa_pkg::POOL_DESTINATION_ADDRESS_LSB+:vggc_isa_pkg::POOL_DESTINATION_ADDRESS_WIDTH]);
        d_plane_pitch = 64'(instruction[vggc_isa_pkg::POOL_DESTINATION_PLANE_PITCH_LSB+:vggc_isa_pkg::POOL_DESTINATION_PLANE_PITCH_WIDTH]);
        d_row_pitch = 64'(instruction[vggc_isa_pkg::POOL_DESTINATION_ROW_PITCH_LSB+:vggc_isa_pkg::POOL_DESTINATION_ROW_PITCH_WIDTH]);
      end
      vggc_isa_pkg::OPCODE_ALU: begin
        e_element = 64'd1 << instruction[vggc_isa_pkg::ALU_ELEMENT_BYTES_LSB+:vggc_isa_pkg::ALU_ELEMENT_BYTES_WIDTH];
        e_channels = 64'(instruction[vggc_isa_pkg::ALU_CHANNELS_LSB+:vggc_isa_pkg::ALU_CHANNELS_WIDTH]);
        e_rows = 64'(instruction[vggc_isa_pkg::ALU_ROWS_LSB+:vggc_isa_pkg::ALU_ROWS_WIDTH]);
        e_columns = 64'(instruction[vggc_isa_pkg::ALU_COLUMNS_LSB+:vggc_isa_pkg::ALU_COLUMNS_WIDTH]);
        e_input_address = 64'(instruction[vggc_isa_pkg::ALU_INPUT_ADDRESS_LSB+:vggc_isa_pkg::ALU_INPUT_ADDRESS_WIDTH]);
        e_plane_pitch = 64'(instruction[vggc_isa_pkg::ALU_INPUT_PLANE_PITCH_LSB+:vggc_isa_pkg::ALU_INPUT_PLANE_PITCH_WIDTH]);
        e_row_pitch = 64'(instruction[vggc_isa_pkg::ALU_INPUT_ROW_PITCH_LSB+:vggc_isa_pkg::ALU_INPUT_ROW_PITCH_WIDTH]);
        d_input = instruction[vggc_isa_pkg::ALU_DESTINATION_BUFFER_LSB+:vggc_isa_pkg::ALU_DESTINATION_BUFFER_WIDTH] == 2'(vggc_isa_pkg::ALU_DESTINATION_BUFFER_INPUT);
        d_address = 64'(instruction[vggc_isa_pkg::ALU_DESTINATION_ADDRESS_LSB+:vggc_isa_pkg::ALU_DESTINATION_ADDRESS_WIDTH]);
        d_plane_pitch = 64'(instruction[vggc_isa_pkg::ALU_DESTINATION_PLANE_PITCH_LSB+:vggc_isa_pkg::ALU_DESTINATION_PLANE_PITCH_WIDTH]);
        d_row_pitch = 64'(instruction[vggc_isa_pkg::ALU_DESTINATION_ROW_PITCH_LSB+:vggc_isa_pkg::ALU_DESTINATION_ROW_PITCH_WIDTH]);
      end
      vggc_isa_pkg::OPCODE_ADD: begin
        e_element = 64'd1 << instruction[vggc_isa_pkg::ADD_ELEMENT_BYTES_LSB+:vggc_isa_pkg::ADD_ELEMENT_BYTES_WIDTH];
        e_channels = 64'(instruction[vggc_isa_pkg::ADD_CHANNELS_LSB+:vggc_isa_pkg::ADD_CHANNELS_WIDTH]);
        e_rows = 64'(instruction[vggc_isa_pkg::ADD_ROWS_LSB+:vggc_isa_pkg::ADD_ROWS_WIDTH]);
        e_columns = 64'(instruction[vggc_isa_pkg::ADD_COLUMNS_LSB+:vggc_isa_pkg::ADD_COLUMNS_WIDTH]);
        e_input_address = 64'(instruction[vggc_isa_pkg::ADD_INPUT_ADDRESS_LSB+:vggc_isa_pkg::ADD_INPUT_ADDRESS_WIDTH]);
        e_plane_pitch = 64'(instruction[vggc_isa_pkg::ADD_INPUT_PLANE_PITCH_LSB+:vggc_isa_pkg::ADD_INPUT_PLANE_PITCH_WIDTH]);
        e_row_pitch = 64'(instruction[vggc_isa_pkg::ADD_INPUT_ROW_PITCH_LSB+:vggc_isa_pkg::ADD_INPUT_ROW_PITCH_WIDTH]);
        d_input = instruction[vggc_isa_pkg::ADD_DESTINATION_BUFFER_LSB+:vggc_isa_pkg::ADD_DESTINATION_BUFFER_WIDTH] == 2'(vggc_isa_pkg::ADD_DESTINATION_BUFFER_INPUT);
        d_address = 64'(instruction[vggc_isa_pkg::ADD_DESTINATION_ADDRESS_LSB+:vggc_isa_pkg::ADD_DESTINATION_ADDRESS_WIDTH]);
        d_plane_pitch = 64'(instruction[vggc_isa_pkg::ADD_DESTINATION_PLANE_PITCH_LSB+:vggc_isa_pkg::ADD_DESTINATION_PLANE_PITCH_WIDTH]);
        d_row_pitch = 64'(instruction[vggc_isa_pkg::ADD_DESTINATION_ROW_PITCH_LSB+:vggc_isa_pkg::ADD_DESTINATION_ROW_PITCH_WIDTH]);
      end
      default: ;
    endcase
    e_elements = e_channels * e_rows * e_columns;

    m_groups = 64'd1;
    p_groups = 64'd0;
    c_groups = 64'd1;
    k_groups = 64'd1;
    case (opcode)
      vggc_isa_pkg::OPCODE_GEMM: begin
        m_groups = ceil_div(g_out_channels, 64'(PO));
        if (g_depthwise) begin
          p_groups = ceil_div(g_pixels, 64'(DEPTHWISE_LANES));
          k_groups = g_taps;
        end else begin
          p_groups = ceil_div(g_pixels, 64'(PP));
          c_groups = ceil_div(g_in_channels, 64'(PI));
          k_groups = ceil_div(g_taps, 64'(PK));
        end
      end
      vggc_isa_pkg::OPCODE_POST, vggc_isa_pkg::OPCODE_ALU, vggc_isa_pkg::OPCODE_ADD: p_groups = ceil_div(e_elements, 64'(LANES));
      vggc_isa_pkg::OPCODE_POOL: begin
        p_groups = ceil_div(e_elements, 64'(LANES));
        k_groups = pool_kh * pool_kw;
      end
      default: ;
    endcase
  end

  assign no_work = m_groups == 0 || p_groups == 0 || c_groups == 0 || k_groups == 0;
  assign reduction_ends = c_group + 1 == c_groups && k_group + 1 == k_groups;
  assign last_work = reduction_ends && p_group + 1 == p_groups && m_group + 1 == m_groups;

  assign active = running || (entry_valid && (token_from_load || !instruction[vggc_isa_pkg::GEMM_POP_PREVIOUS_LSB])
                              && (token_from_store || !instruction[vggc_isa_pkg::GEMM_POP_NEXT_LSB]));
  assign started = entry_valid && !running && active;
  always_comb begin
    if (opcode == vggc_isa_pkg::OPCODE_SYNC) finished = active;
    else if (!tail_phase) finished = active && (no_work || last_work) && vggc_config_pkg::COMPUTE_PIPELINE_CYCLES <= (no_work ? 1 : 0);
    else finished = active && tail + 32'd1 >= 32'(vggc_config_pkg::COMPUTE_PIPELINE_CYCLES);
  end
  assign entry_pop = finished;
  assign take_token_from_load = started && instruction[vggc_isa_pkg::GEMM_POP_PREVIOUS_LSB];
  assign take_token_from_store = started && instruction[vggc_isa_pkg::GEMM_POP_NEXT_LSB];
  assign give_token_to_load = finished && instruction[vggc_isa_pkg::GEMM_PUSH_PREVIOUS_LSB];
  assign give_token_to_store = finished && instruction[vggc_isa_pkg::GEMM_PUSH_NEXT_LSB];

  // The lanes, in three combinational blocks so that no block reads what an earlier one's reads
  // depend on: the addresses, the table addresses that depend on the input values, the results.
  assign working = active && !tail_phase && !no_work && opcode != vggc_isa_pkg::OPCODE_SYNC;

  // Output channel, pixel, input channel and kernel position of GEMM lanes.
  function automatic logic [63:0] gemm_input_address(input logic [63:0] plane, input logic [63:0] tap, input logic [63:0] pixel);
    logic [63:0] y, x;
    y = pixel / g_columns;
    x = pixel % g_columns;
    gemm_input_address = g_input_address + (plane * g_plane_pitch + (y * g_sh + (tap / g_kw) * g_dh) * g_row_pitch
                              + x * g_sw + (tap % g_kw) * g_dw) * g_element;
  endfunction

  // The element an elementwise lane works on, and its channel, row and column.
  function automatic logic [63:0] lane_element(input int lane);
    lane_element = p_group * 64'(LANES) + 64'(lane);
  endfunction

  function automatic logic [63:0] element_channel(input logic [63:0] element);
    element_channel = e_rows * e_columns == 0 ? 64'd0 : element / (e_rows * e_columns);
  endfunction

  function automatic logic [63:0] element_row(input logic [63:0] element);
    element_row = e_rows * e_columns == 0 ? 64'd0 : (element % (e_rows * e_columns)) / e_columns;
  endfunction

  function automatic logic [63:0] element_column(input logic [63:0] element);
    element_column = e_columns == 0 ? 64'd0 : element % e_columns;
  endfunction

  always_comb begin
    logic [63:0] m, c, k, p, e;
    m = '0; c = '0; k = '0; p = '0; e = '0;
    input_read_address = '0;
    weight_read_address = '0;
    accumulator_read_address = '0;
    if (working && opcode == vggc_isa_pkg::OPCODE_GEMM && !g_depthwise) begin
      for (int pi = 0; pi < PI; pi++) for (int pk = 0; pk < PK; pk++) for (int pp = 0; pp < PP; pp++) begin
        c = c_group * 64'(PI) + 64'(pi);
        k = k_group * 64'(PK) + 64'(pk);
        p = p_group * 64'(PP) + 64'(pp);
        input_read_address[32*((pi*PK+pk)*PP+pp)+:32] = 32'(gemm_input_address(c, k, p));
      end
      for (int po = 0; po < PO; po++) for (int pi = 0; pi < PI; pi++) for (int pk = 0; pk < PK; pk++) begin
        m = m_group * 64'(PO) + 64'(po);
        c = c_group * 64'(PI) + 64'(pi);
        k = k_group * 64'(PK) + 64'(pk);
        weight_read_address[32*((po*PI+pi)*PK+pk)+:32] = 32'(g_weight_address + ((m * g_in_channels + c) * g_taps + k) * g_element);
      end
      for (int po = 0; po < PO; po++) for (int pp = 0; pp < PP; pp++) begin
        m = m_group * 64'(PO) + 64'(po);
        p = p_group * 64'(PP) + 64'(pp);
        accumulator_read_address[32*(po*PP+pp)+:32] = 32'(g_accumulator_address + (m * g_pixels + p) * g_accumulator);
      end
    end else if (working && opcode == vggc_isa_pkg::OPCODE_GEMM) begin
      for (int po = 0; po < PO; po++) for (int lane = 0; lane < DEPTHWISE_LANES; lane++) begin
        m = m_group * 64'(PO) + 64'(po);
        p = p_group * 64'(DEPTHWISE_LANES) + 64'(lane);
        input_read_address[32*(po*DEPTHWISE_LANES+lane)+:32] = 32'(gemm_input_address(m, k_group, p));
        weight_read_address[32*(po*DEPTHWISE_LANES+lane)+:32] = 32'(g_weight_address + (m * g_taps + k_group) * g_element);
        accumulator_read_address[32*(po*DEPTHWISE_LANES+lane)+:32] = 32'(g_accumulator_address + (m * g_pixels + p) * g_accumulator);
      end
    end else if (working) begin
      for (int lane = 0; lane < LANES; lane++) begin
        e = lane_element(lane);
        if (opcode == vggc_isa_pkg::OPCODE_POOL)
          input_read_address[32*(lane)+:32] = 32'(e_input_address + (element_channel(e) * e_plane_pitch
              + (element_row(e) * pool_sh + k_group / pool_kw) * e_row_pitch + element_column(e) * pool_sw + k_group % pool_kw)
              * e_element);
        else input_read_address[32*(lane)+:32] = 32'(e_input_address
            + (element_channel(e) * e_plane_pitch + element_row(e) * e_row_pitch + element_column(e)) * e_element);
        if (opcode == vggc_isa_pkg::OPCODE_POST) begin
          accumulator_read_address[32*(lane)+:32] = 32'(64'(instruction[vggc_isa_pkg::POST_ACCUMULATOR_ADDRESS_LSB+:vggc_isa_pkg::POST_ACCUMULATOR_ADDRESS_WIDTH])
              + e * (64'd1 << instruction[vggc_isa_pkg::POST_ACCUMULATOR_BYTES_LSB+:vggc_isa_pkg::POST_ACCUMULATOR_BYTES_WIDTH]));
          weight_read_address[32*(lane)+:32] = 32'(64'(instruction[vggc_isa_pkg::POST_PARAMETER_ADDRESS_LSB+:vggc_isa_pkg::POST_PARAMETER_ADDRESS_WIDTH])
              + element_channel(e) * 64'd12);
        end
        if (opcode == vggc_isa_pkg::OPCODE_ADD)
          accumulator_read_address[32*(lane)+:32] = 32'(64'(instruction[vggc_isa_pkg::ADD_ACCUMULATOR_ADDRESS_LSB+:vggc_isa_pkg::ADD_ACCUMULATOR_ADDRESS_WIDTH]) + e * 64'd8);
      end
    end
  end

  always_comb begin
    logic signed [63:0] q;
    for (int lane = 0; lane < LANES; lane++) begin
      q = vggc_arith_pkg::sign_extend(input_read_data[128*(lane)+:64], 4'(e_element));
      if (32'(instruction[vggc_isa_pkg::ALU_OPERATION_LSB+:vggc_isa_pkg::ALU_OPERATION_WIDTH]) == vggc_isa_pkg::ALU_OPERATION_LOOKUP_TABLE)
        table_read_address[32*(lane)+:32] = 32'(64'(instruction[vggc_isa_pkg::ALU_TABLE_ADDRESS_LSB+:vggc_isa_pkg::ALU_TABLE_ADDRESS_WIDTH]) + 64'(q + 64'sd128));
      else table_read_address[32*(lane)+:32] = 32'(64'(instruction[vggc_isa_pkg::ALU_TABLE_ADDRESS_LSB+:vggc_isa_pkg::ALU_TABLE_ADDRESS_WIDTH])
          + 64'(vggc_arith_pkg::sigmoid_segment(32'(q))) * 64'd4);
    end
  end

  always_comb begin
    logic [63:0] m, c, k, p, e;
    logic signed [63:0] product, value, accumulated, q, term, scaled, bias, multiplier;
    logic [31:0] shift;
    logic [5:0] add_shift;
    m = '0; c = '0; k = '0; p = '0; e = '0;
    product = '0; value = '0; accumulated = '0; q = '0; term = '0; scaled = '0; bias = '0; multiplier = '0;
    shift = '0;
    add_shift = '0;
    // Whole-vector defaults: more than 8k bits of zeros for the wide ones.
    /* verilator lint_off WIDTHCONCAT */
    sums = '0;
    accumulator_write_address = accumulator_read_address;
    accumulator_write_data = '0;
    accumulator_write_count = '0;
    maxima = '0;
    destination_write_address = '0;
    destination_write_data = '0;
    input_write_count = '0;
    output_write_count = '0;
    /* verilator lint_on WIDTHCONCAT */
    if (working && opcode == vggc_isa_pkg::OPCODE_GEMM && !g_depthwise) begin
      for (int po = 0; po < PO; po++) for (int pp = 0; pp < PP; pp++) begin
        m = m_group * 64'(PO) + 64'(po);
        p = p_group * 64'(PP) + 64'(pp);
        for (int pi = 0; pi < PI; pi++) for (int pk = 0; pk < PK; pk++) begin
          c = c_group * 64'(PI) + 64'(pi);
          k = k_group * 64'(PK) + 64'(pk);
          product = vggc_arith_pkg::sign_extend(input_read_data[128*((pi*PK+pk)*PP+pp)+:64], 4'(g_element))
              * vggc_arith_pkg::sign_extend(weight_read_data[128*((po*PI+pi)*PK+pk)+:64], 4'(g_element));
          if (m < g_out_channels && c < g_in_channels && k < g_taps && p < g_pixels)
            sums[64*(po*PP+pp)+:64] = $signed(sums[64*(po*PP+pp)+:64]) + product;
        end
        accumulated = (g_reset ? 64'sd0 : vggc_arith_pkg::sign_extend(accumulator_read_data[128*(po*PP+pp)+:64], 4'(g_accumulator)))
            + $signed(partial[64*(po*PP+pp)+:64]) + $signed(sums[64*(po*PP+pp)+:64]);
        accumulator_write_data[128*(po*PP+pp)+:128] = 128'(accumulated);
        if (reduction_ends && m < g_out_channels && p < g_pixels) accumulator_write_count[5*(po*PP+pp)+:5] = 5'(g_accumulator);
      end
    end else if (working && opcode == vggc_isa_pkg::OPCODE_GEMM) begin
      for (int po = 0; po < PO; po++) for (int lane = 0; lane < DEPTHWISE_LANES; lane++) begin
        m = m_group * 64'(PO) + 64'(po);
        p = p_group * 64'(DEPTHWISE_LANES) + 64'(lane);
        product = vggc_arith_pkg::sign_extend(input_read_data[128*(po*DEPTHWISE_LANES+lane)+:64], 4'(g_element))
            * vggc_arith_pkg::sign_extend(weight_read_data[128*(po*DEPTHWISE_LANES+lane)+:64], 4'(g_element));
        if (m < g_out_channels && p < g_pixels) sums[64*(po*DEPTHWISE_LANES+lane)+:64] = product;
        accumulated = (g_reset ? 64'sd0 : vggc_arith_pkg::sign_extend(accumulator_read_data[128*(po*DEPTHWISE_LANES+lane)+:64], 4'(g_accumulator)))
            + $signed(partial[64*(po*DEPTHWISE_LANES+lane)+:64]) + $signed(sums[64*(po*DEPTHWISE_LANES+lane)+:64]);
        accumulator_write_data[128*(po*DEPTHWISE_LANES+lane)+:128] = 128'(accumulated);
        if (reduction_ends && m < g_out_channels && p < g_pixels) accumulator_write_count[5*(po*DEPTHWISE_LANES+lane)+:5] = 5'(g_accumulator);
      end
    end else if (working) begin
      for (int lane = 0; lane < LANES; lane++) begin
        e = lane_element(lane);
        q = vggc_arith_pkg::sign_extend(input_read_data[128*(lane)+:64], 4'(e_element));
        maxima[64*(lane)+:64] = k_group == 0 || q > $signed(largest[64*(lane)+:64]) ? q : $signed(largest[64*(lane)+:64]);
        value = 64'sd0;
        case (opcode)
          vggc_isa_pkg::OPCODE_POST: begin
            bias = vggc_arith_pkg::sign_extend(64'(weight_read_data[128*(lane)+:32]), 4'd4);
            multiplier = vggc_arith_pkg::sign_extend(64'(weight_read_data[128*(lane)+32+:32]), 4'd4);
            shift = weight_read_data[128*(lane)+64+:32];
            accumulated = vggc_arith_pkg::sign_extend(accumulator_read_data[128*(lane)+:64],
                                      4'(64'd1 << instruction[vggc_isa_pkg::POST_ACCUMULATOR_BYTES_LSB+:vggc_isa_pkg::POST_ACCUMULATOR_BYTES_WIDTH])) + bias;
            if (instruction[vggc_isa_pkg::POST_SATURATE_LSB]) accumulated = vggc_arith_pkg::saturate_int32(accumulated);
            case (32'(instruction[vggc_isa_pkg::POST_REQUANTIZATION_LSB+:vggc_isa_pkg::POST_REQUANTIZATION_WIDTH]))
              vggc_isa_pkg::POST_REQUANTIZATION_MULTIPLIER: scaled = vggc_arith_pkg::rounding_shift(vggc_arith_pkg::saturate_int32(accumulated) * multiplier, shift);
              vggc_isa_pkg::POST_REQUANTIZATION_SHIFT: scaled = vggc_arith_pkg::rounding_shift(accumulated, shift);
              default: scaled = (vggc_arith_pkg::saturate_int32(accumulated) * multiplier) >>> 16;
            endcase
            value = vggc_arith_pkg::clamp(vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::POST_OUTPUT_ZERO_POINT_LSB+:vggc_isa_pkg::POST_OUTPUT_ZERO_POINT_WIDTH]), 4'd4) + scaled,
                          instruction[vggc_isa_pkg::POST_CLAMP_LOW_LSB+:vggc_isa_pkg::POST_CLAMP_LOW_WIDTH], instruction[vggc_isa_pkg::POST_CLAMP_HIGH_LSB+:vggc_isa_pkg::POST_CLAMP_HIGH_WIDTH]);
          end
          vggc_isa_pkg::OPCODE_ALU: begin
            case (32'(instruction[vggc_isa_pkg::ALU_OPERATION_LSB+:vggc_isa_pkg::ALU_OPERATION_WIDTH]))
              vggc_isa_pkg::ALU_OPERATION_LOOKUP_TABLE: value = vggc_arith_pkg::sign_extend(table_read_data[128*(lane)+:64], 4'd1);
              vggc_isa_pkg::ALU_OPERATION_PIECEWISE_LINEAR_SIGMOID:
                value = vggc_arith_pkg::sigmoid(32'(q), table_read_data[128*(lane)+:32], table_read_data[128*(lane)+32+:32]);
              default: value = vggc_arith_pkg::clamp(q, instruction[vggc_isa_pkg::ALU_CLAMP_LOW_LSB+:vggc_isa_pkg::ALU_CLAMP_LOW_WIDTH],
                                     instruction[vggc_isa_pkg::ALU_CLAMP_HIGH_LSB+:vggc_isa_pkg::ALU_CLAMP_HIGH_WIDTH]);
            endcase
          end
          vggc_isa_pkg::OPCODE_ADD: begin
            term = (q - vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::ADD_ZERO_POINT_LSB+:vggc_isa_pkg::ADD_ZERO_POINT_WIDTH]), 4'd4))
                * $signed(64'(instruction[vggc_isa_pkg::ADD_MULTIPLIER_LSB+:vggc_isa_pkg::ADD_MULTIPLIER_WIDTH]));
            accumulated = (instruction[vggc_isa_pkg::ADD_ACCUMULATE_LSB] ? $signed(accumulator_read_data[128*(lane)+:64]) : 64'sd0) + term;
            add_shift = instruction[vggc_isa_pkg::ADD_SHIFT_LSB+:vggc_isa_pkg::ADD_SHIFT_WIDTH];
            value = vggc_arith_pkg::clamp(vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::ADD_OUTPUT_ZERO_POINT_LSB+:vggc_isa_pkg::ADD_OUTPUT_ZERO_POINT_WIDTH]), 4'd4)
                              + vggc_arith_pkg::rounding_shift(accumulated, 32'(add_shift)),
                          instruction[vggc_isa_pkg::ADD_CLAMP_LOW_LSB+:vggc_isa_pkg::ADD_CLAMP_LOW_WIDTH], instruction[vggc_isa_pkg::ADD_CLAMP_HIGH_LSB+:vggc_isa_pkg::ADD_CLAMP_HIGH_WIDTH]);
            if (!instruction[vggc_isa_pkg::ADD_WRITE_LSB] && e < e_elements) begin
              accumulator_write_data[128*(lane)+:128] = 128'(accumulated);
              accumulator_write_count[5*(lane)+:5] = 5'd8;
            end
          end
          default: begin
            sums[64*(lane)+:64] = (k_group == 0 ? 64'sd0 : $signed(partial[64*(lane)+:64]))
                + (q - vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::POOL_INPUT_ZERO_POINT_LSB+:vggc_isa_pkg::POOL_INPUT_ZERO_POINT_WIDTH]), 4'd4));
            value = $signed(maxima[64*(lane)+:64]);
            if (32'(instruction[vggc_isa_pkg::POOL_KIND_LSB+:vggc_isa_pkg::POOL_KIND_WIDTH]) == vggc_isa_pkg::POOL_KIND_AVERAGE)
              value = vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::POOL_OUTPUT_ZERO_POINT_LSB+:vggc_isa_pkg::POOL_OUTPUT_ZERO_POINT_WIDTH]), 4'd4)
                  + vggc_arith_pkg::rounding_shift(vggc_arith_pkg::saturate_int32($signed(sums[64*(lane)+:64])) * $signed(64'(instruction[vggc_isa_pkg::POOL_MULTIPLIER_LSB+:vggc_isa_pkg::POOL_MULTIPLIER_WIDTH])),
                                   32'(instruction[vggc_isa_pkg::POOL_SHIFT_LSB+:vggc_isa_pkg::POOL_SHIFT_WIDTH]));
            value = vggc_arith_pkg::clamp(value, instruction[vggc_isa_pkg::POOL_CLAMP_LOW_LSB+:vggc_isa_pkg::POOL_CLAMP_LOW_WIDTH],
                          instruction[vggc_isa_pkg::POOL_CLAMP_HIGH_LSB+:vggc_isa_pkg::POOL_CLAMP_HIGH_WIDTH]);
          end
        endcase
        destination_write_address[32*(lane)+:32] = 32'(d_address
            + (element_channel(e) * d_plane_pitch + element_row(e) * d_row_pitch + element_column(e)) * e_element);
        destination_write_data[128*(lane)+:128] = 128'(value);
        if (e < e_elements && reduction_ends && (opcode != vggc_isa_pkg::OPCODE_ADD || instruction[vggc_isa_pkg::ADD_WRITE_LSB])) begin
          if (d_input) input_write_count[5*(lane)+:5] = 5'(e_element);
          else output_write_count[5*(lane)+:5] = 5'(e_element);
        end
      end
    end
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      running <= 1'b0;
      tail_phase <= 1'b0;
      tail <= '0;
      {m_group, p_group, c_group, k_group} <= '0;
      for (int lane = 0; lane < MACS; lane++) partial[64*(lane)+:64] <= 64'sd0;
      for (int lane = 0; lane < LANES; lane++) largest[64*(lane)+:64] <= 64'sd0;
    end else if (finished) begin
      running <= 1'b0;
      tail_phase <= 1'b0;
      tail <= '0;
      {m_group, p_group, c_group, k_group} <= '0;
      for (int lane = 0; lane < MACS; lane++) partial[64*(lane)+:64] <= 64'sd0;
    end else if (active) begin
      running <= 1'b1;
      if (tail_phase) tail <= tail + 32'd1;
      else if (no_work) begin
        tail_phase <= 1'b1;
        tail <= 32'd1;
      end else begin
        for (int lane = 0; lane < MACS; lane++)
          partial[64*(lane)+:64] <= reduction_ends ? 64'sd0 : (opcode == vggc_isa_pkg::OPCODE_GEMM ? $signed(partial[64*(lane)+:64]) : 64'sd0) + $signed(sums[64*(lane)+:64]);
        for (int lane = 0; lane < LANES; lane++) largest[64*(lane)+:64] <= $signed(maxima[64*(lane)+:64]);
        if (last_work) tail_phase <= 1'b1;
        if (k_group + 1 < k_groups) k_group <= k_group + 1;
        else begin
          k_group <= '0;
          if (c_group + 1 < c_groups) c_group <= c_group + 1;
          else begin
            c_group <= '0;
            if (p_group + 1 < p_groups) p_group <= p_group + 1;
            else begin
              p_group <= '0;
              m_group <= m_group + 1;
            end
          end
        end
      end
    end
  end
endmodule
