// The compute unit (docs/ISA.md): GEMM on the PO×PI×PK×PP array, and POST, POOL, ALU and ADD on
// LANES = PO·PP lanes; also executes compute-unit SYNCs.
//
// GEMM walks output-channel groups of PO, pixel groups of PP, then input-channel groups of PI and
// kernel-position groups of PK; each cycle every PE multiplies one input by one weight (an
// ELEMENT_BYTES×ELEMENT_BYTES product, one DSP48E1 for int8) and the PI·PK products of each
// (channel, pixel) are summed by an adder tree into a partial sum. The last cycle of a (channel
// group, pixel group) adds the partial sums to the stored ones (or to 0 with `reset`) and writes
// them. A depthwise GEMM gives each of the PO rows its own channel and its PI·PK·PP multipliers one
// pixel each, walking the kernel taps one per cycle.
// POST, ALU and ADD process LANES elements per cycle; POOL gives each lane one output and walks the
// window's taps one per cycle. Every instruction then spends COMPUTE_PIPELINE_CYCLES more cycles
// (the pipeline fill of docs/ISA.md "Timing") before it pushes its tokens.
//
// Addresses come from counters, not from multiplies: each loop dimension keeps the state of its
// group's first index (position and buffer offsets) in registers, and a chain of incrementers
// derives the other lanes' states from it (a column step, or a row or plane wrap, per lane). A
// group advances to the state one past its last lane. The per-instruction steps (a row wrap is
// `strideHeight·rowPitch − (columns−1)·strideWidth` elements, and so on) come from a handful of
// narrow multiplies of instruction fields, shared by every lane. Offsets are counted in elements
// modulo the buffer's address range and shifted by the element width at the end.
// A preset-sized array's lane vectors (zc706: 768 lanes) are wider than the 8k bits Verilator
// expects of a '0 fill; the fills are meant.
/* verilator lint_off WIDTHCONCAT */
module vggc_compute_unit
#(
    parameter int MACS = vggc_config_pkg::PO * vggc_config_pkg::PI * vggc_config_pkg::PK * vggc_config_pkg::PP,
    parameter int LANES = vggc_config_pkg::PO * vggc_config_pkg::PP,
    parameter int IAW = $clog2(vggc_config_pkg::INPUT_BUFFER_BYTES),
    parameter int WAW = $clog2(vggc_config_pkg::WEIGHT_BUFFER_BYTES),
    parameter int AAW = $clog2(vggc_config_pkg::ACCUMULATOR_BUFFER_BYTES),
    parameter int DAW = $clog2(vggc_config_pkg::INPUT_BUFFER_BYTES) > $clog2(vggc_config_pkg::OUTPUT_BUFFER_BYTES)
        ? $clog2(vggc_config_pkg::INPUT_BUFFER_BYTES) : $clog2(vggc_config_pkg::OUTPUT_BUFFER_BYTES),
    parameter int EBITS = 8 * vggc_config_pkg::ELEMENT_BYTES,
    parameter int ABITS = 8 * vggc_config_pkg::ACCUMULATOR_ENTRY_BYTES
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
    // GEMM and elementwise inputs (elementwise lanes use the first LANES ports).
    output logic [MACS*IAW-1:0]    input_read_address,
    input  logic [MACS*EBITS-1:0]  input_read_data,
    // GEMM weights.
    output logic [MACS*WAW-1:0]    weight_read_address,
    input  logic [MACS*EBITS-1:0]  weight_read_data,
    // POST parameter records (bias, multiplier, shift) and ALU tables, 12 bytes a lane.
    output logic [LANES*WAW-1:0]   record_read_address,
    input  logic [LANES*96-1:0]    record_read_data,
    // GEMM partial sums: read and written at the same address.
    output logic [MACS*AAW-1:0]    accumulator_address,
    input  logic [MACS*ABITS-1:0]  accumulator_read_data,
    output logic [MACS*ABITS-1:0]  accumulator_write_data,
    output logic [MACS*5-1:0]      accumulator_write_count,
    // POST and ADD accumulators (8 bytes a lane): read and written at the same address.
    output logic [LANES*AAW-1:0]   lane_accumulator_address,
    input  logic [LANES*64-1:0]    lane_accumulator_read_data,
    output logic [LANES*64-1:0]    lane_accumulator_write_data,
    output logic [LANES*5-1:0]     lane_accumulator_write_count,
    output logic [LANES*DAW-1:0]   destination_write_address,
    output logic [LANES*EBITS-1:0] destination_write_data,
    output logic [LANES*5-1:0]     input_write_count,
    output logic [LANES*5-1:0]     output_write_count,
    output logic                   started,
    output logic                   finished
);
  localparam int PO = vggc_config_pkg::PO;
  localparam int PI = vggc_config_pkg::PI;
  localparam int PK = vggc_config_pkg::PK;
  localparam int PP = vggc_config_pkg::PP;
  localparam int DEPTHWISE_LANES = PI * PK * PP;
  localparam int CHAIN = DEPTHWISE_LANES > LANES ? DEPTHWISE_LANES : LANES;

  logic [3:0] opcode;
  logic is_gemm, is_pool, depthwise;
  logic running, active, tail_phase;
  logic [31:0] tail;
  logic no_work, k_last, c_last, p_last, m_last, reduction_ends, last_work, working;

  // Fields.
  logic [1:0] element_shift, accumulator_shift, post_accumulator_shift;
  logic g_reset;
  logic [15:0] out_channels, in_channels, rows, columns, channels;
  logic [7:0] kernel_height, kernel_width, stride_height, stride_width, dilation_height, dilation_width;
  logic [IAW-1:0] input_address, plane_pitch, row_pitch;
  logic [WAW-1:0] weight_address, record_base;
  logic [AAW-1:0] accumulator_base;
  logic [DAW-1:0] destination_address, destination_plane_pitch, destination_row_pitch;
  logic destination_is_input;

  // Per-instruction steps, in elements.
  logic [IAW-1:0] column_step, row_step, plane_step, kernel_column_step, kernel_row_step;
  logic [DAW-1:0] destination_row_step, destination_plane_step;
  logic [15:0] taps;
  logic [WAW-1:0] output_channel_weight_step;
  logic [AAW-1:0] pixels;

  // Element (GEMM: pixel) chain: CHAIN + 1 consecutive elements from the group's first.
  logic [(CHAIN+1)*17-1:0] element_channel;
  logic [(CHAIN+1)*16-1:0] element_row, element_column;
  logic [(CHAIN+1)*IAW-1:0] element_input;
  logic [(CHAIN+1)*DAW-1:0] element_destination;
  logic [16:0] first_channel;
  logic [15:0] first_row, first_column;
  logic [IAW-1:0] first_input;
  logic [DAW-1:0] first_destination;
  logic [AAW-1:0] first_element;
  logic [16:0] next_channel;
  logic [15:0] next_row, next_column;
  logic [IAW-1:0] next_input;
  logic [DAW-1:0] next_destination;
  logic [AAW-1:0] element_step;

  // Kernel-tap chain: PK + 1 consecutive taps from the group's first.
  logic [(PK+1)*16-1:0] tap_row, tap_column, tap_index;
  logic [(PK+1)*IAW-1:0] tap_input;
  logic [15:0] first_tap_row, first_tap_column, first_tap_index;
  logic [IAW-1:0] first_tap_input;
  logic [15:0] next_tap_row, next_tap_column, next_tap_index;
  logic [IAW-1:0] next_tap_input;

  // Input-channel chain: PI + 1 channels from the group's first.
  logic [(PI+1)*IAW-1:0] channel_input;
  logic [(PI+1)*WAW-1:0] channel_weight;
  logic [16:0] first_in_channel;
  logic [IAW-1:0] first_channel_input;
  logic [WAW-1:0] first_channel_weight;

  // Output-channel chain: PO + 1 channels from the group's first.
  logic [(PO+1)*IAW-1:0] output_input;
  logic [(PO+1)*WAW-1:0] output_weight;
  logic [(PO+1)*AAW-1:0] output_accumulator;
  logic [16:0] first_out_channel;
  logic [IAW-1:0] first_output_input;
  logic [WAW-1:0] first_output_weight;
  logic [AAW-1:0] first_output_accumulator;

  logic [MACS*ABITS-1:0] partial;
  logic [MACS*ABITS-1:0] sums;
  // POOL: the running maximum or sum of each lane's window.
  logic [LANES*64-1:0] window;
  logic [LANES*64-1:0] next_window;

  assign opcode = instruction[vggc_isa_pkg::END_OPCODE_LSB+:vggc_isa_pkg::END_OPCODE_WIDTH];
  assign is_gemm = opcode == vggc_isa_pkg::OPCODE_GEMM;
  assign is_pool = opcode == vggc_isa_pkg::OPCODE_POOL;
  assign depthwise = is_gemm && instruction[vggc_isa_pkg::GEMM_DEPTHWISE_LSB];

  // Decoding.
  always_comb begin
    element_shift = instruction[vggc_isa_pkg::GEMM_ELEMENT_BYTES_LSB+:2];
    accumulator_shift = instruction[vggc_isa_pkg::GEMM_ACCUMULATOR_BYTES_LSB+:2];
    post_accumulator_shift = instruction[vggc_isa_pkg::POST_ACCUMULATOR_BYTES_LSB+:2];
    g_reset = instruction[vggc_isa_pkg::GEMM_RESET_LSB];
    out_channels = 16'(instruction[vggc_isa_pkg::GEMM_OUTPUT_CHANNELS_LSB+:vggc_isa_pkg::GEMM_OUTPUT_CHANNELS_WIDTH]);
    in_channels = 16'(instruction[vggc_isa_pkg::GEMM_INPUT_CHANNELS_LSB+:vggc_isa_pkg::GEMM_INPUT_CHANNELS_WIDTH]);
    kernel_height = 8'(instruction[vggc_isa_pkg::GEMM_KERNEL_HEIGHT_LSB+:vggc_isa_pkg::GEMM_KERNEL_HEIGHT_WIDTH]);
    kernel_width = 8'(instruction[vggc_isa_pkg::GEMM_KERNEL_WIDTH_LSB+:vggc_isa_pkg::GEMM_KERNEL_WIDTH_WIDTH]);
    stride_height = 8'(instruction[vggc_isa_pkg::GEMM_STRIDE_HEIGHT_LSB+:vggc_isa_pkg::GEMM_STRIDE_HEIGHT_WIDTH]);
    stride_width = 8'(instruction[vggc_isa_pkg::GEMM_STRIDE_WIDTH_LSB+:vggc_isa_pkg::GEMM_STRIDE_WIDTH_WIDTH]);
    dilation_height = 8'(instruction[vggc_isa_pkg::GEMM_DILATION_HEIGHT_LSB+:vggc_isa_pkg::GEMM_DILATION_HEIGHT_WIDTH]);
    dilation_width = 8'(instruction[vggc_isa_pkg::GEMM_DILATION_WIDTH_LSB+:vggc_isa_pkg::GEMM_DILATION_WIDTH_WIDTH]);
    rows = 16'(instruction[vggc_isa_pkg::GEMM_OUTPUT_ROWS_LSB+:vggc_isa_pkg::GEMM_OUTPUT_ROWS_WIDTH]);
    columns = 16'(instruction[vggc_isa_pkg::GEMM_OUTPUT_COLUMNS_LSB+:vggc_isa_pkg::GEMM_OUTPUT_COLUMNS_WIDTH]);
    channels = 16'd1;
    input_address = IAW'(instruction[vggc_isa_pkg::GEMM_INPUT_ADDRESS_LSB+:vggc_isa_pkg::GEMM_INPUT_ADDRESS_WIDTH]);
    plane_pitch = IAW'(instruction[vggc_isa_pkg::GEMM_INPUT_PLANE_PITCH_LSB+:vggc_isa_pkg::GEMM_INPUT_PLANE_PITCH_WIDTH]);
    row_pitch = IAW'(instruction[vggc_isa_pkg::GEMM_INPUT_ROW_PITCH_LSB+:vggc_isa_pkg::GEMM_INPUT_ROW_PITCH_WIDTH]);
    weight_address = WAW'(instruction[vggc_isa_pkg::GEMM_WEIGHT_ADDRESS_LSB+:vggc_isa_pkg::GEMM_WEIGHT_ADDRESS_WIDTH]);
    accumulator_base = AAW'(instruction[vggc_isa_pkg::GEMM_ACCUMULATOR_ADDRESS_LSB+:vggc_isa_pkg::GEMM_ACCUMULATOR_ADDRESS_WIDTH]);
    record_base = '0;
    destination_is_input = 1'b0;
    destination_address = '0;
    destination_plane_pitch = '0;
    destination_row_pitch = '0;
    case (opcode)
      vggc_isa_pkg::OPCODE_POST: begin
        element_shift = instruction[vggc_isa_pkg::POST_ELEMENT_BYTES_LSB+:2];
        channels = 16'(instruction[vggc_isa_pkg::POST_CHANNELS_LSB+:vggc_isa_pkg::POST_CHANNELS_WIDTH]);
        rows = 16'(instruction[vggc_isa_pkg::POST_ROWS_LSB+:vggc_isa_pkg::POST_ROWS_WIDTH]);
        columns = 16'(instruction[vggc_isa_pkg::POST_COLUMNS_LSB+:vggc_isa_pkg::POST_COLUMNS_WIDTH]);
        input_address = '0;
        plane_pitch = '0;
        row_pitch = '0;
        accumulator_base = AAW'(instruction[vggc_isa_pkg::POST_ACCUMULATOR_ADDRESS_LSB+:vggc_isa_pkg::POST_ACCUMULATOR_ADDRESS_WIDTH]);
        record_base = WAW'(instruction[vggc_isa_pkg::POST_PARAMETER_ADDRESS_LSB+:vggc_isa_pkg::POST_PARAMETER_ADDRESS_WIDTH]);
        destination_is_input = instruction[vggc_isa_pkg::POST_DESTINATION_BUFFER_LSB+:vggc_isa_pkg::POST_DESTINATION_BUFFER_WIDTH] == 2'(vggc_isa_pkg::POST_DESTINATION_BUFFER_INPUT);
        destination_address = DAW'(instruction[vggc_isa_pkg::POST_DESTINATION_ADDRESS_LSB+:vggc_isa_pkg::POST_DESTINATION_ADDRESS_WIDTH]);
        destination_plane_pitch = DAW'(instruction[vggc_isa_pkg::POST_DESTINATION_PLANE_PITCH_LSB+:vggc_isa_pkg::POST_DESTINATION_PLANE_PITCH_WIDTH]);
        destination_row_pitch = DAW'(instruction[vggc_isa_pkg::POST_DESTINATION_ROW_PITCH_LSB+:vggc_isa_pkg::POST_DESTINATION_ROW_PITCH_WIDTH]);
      end
      vggc_isa_pkg::OPCODE_POOL: begin
        element_shift = instruction[vggc_isa_pkg::POOL_ELEMENT_BYTES_LSB+:2];
        channels = 16'(instruction[vggc_isa_pkg::POOL_CHANNELS_LSB+:vggc_isa_pkg::POOL_CHANNELS_WIDTH]);
        rows = 16'(instruction[vggc_isa_pkg::POOL_OUTPUT_ROWS_LSB+:vggc_isa_pkg::POOL_OUTPUT_ROWS_WIDTH]);
        columns = 16'(instruction[vggc_isa_pkg::POOL_OUTPUT_COLUMNS_LSB+:vggc_isa_pkg::POOL_OUTPUT_COLUMNS_WIDTH]);
        kernel_height = 8'(instruction[vggc_isa_pkg::POOL_KERNEL_HEIGHT_LSB+:vggc_isa_pkg::POOL_KERNEL_HEIGHT_WIDTH]);
        kernel_width = 8'(instruction[vggc_isa_pkg::POOL_KERNEL_WIDTH_LSB+:vggc_isa_pkg::POOL_KERNEL_WIDTH_WIDTH]);
        stride_height = 8'(instruction[vggc_isa_pkg::POOL_STRIDE_HEIGHT_LSB+:vggc_isa_pkg::POOL_STRIDE_HEIGHT_WIDTH]);
        stride_width = 8'(instruction[vggc_isa_pkg::POOL_STRIDE_WIDTH_LSB+:vggc_isa_pkg::POOL_STRIDE_WIDTH_WIDTH]);
        input_address = IAW'(instruction[vggc_isa_pkg::POOL_INPUT_ADDRESS_LSB+:vggc_isa_pkg::POOL_INPUT_ADDRESS_WIDTH]);
        plane_pitch = IAW'(instruction[vggc_isa_pkg::POOL_INPUT_PLANE_PITCH_LSB+:vggc_isa_pkg::POOL_INPUT_PLANE_PITCH_WIDTH]);
        row_pitch = IAW'(instruction[vggc_isa_pkg::POOL_INPUT_ROW_PITCH_LSB+:vggc_isa_pkg::POOL_INPUT_ROW_PITCH_WIDTH]);
        destination_is_input = instruction[vggc_isa_pkg::POOL_DESTINATION_BUFFER_LSB+:vggc_isa_pkg::POOL_DESTINATION_BUFFER_WIDTH] == 2'(vggc_isa_pkg::POOL_DESTINATION_BUFFER_INPUT);
        destination_address = DAW'(instruction[vggc_isa_pkg::POOL_DESTINATION_ADDRESS_LSB+:vggc_isa_pkg::POOL_DESTINATION_ADDRESS_WIDTH]);
        destination_plane_pitch = DAW'(instruction[vggc_isa_pkg::POOL_DESTINATION_PLANE_PITCH_LSB+:vggc_isa_pkg::POOL_DESTINATION_PLANE_PITCH_WIDTH]);
        destination_row_pitch = DAW'(instruction[vggc_isa_pkg::POOL_DESTINATION_ROW_PITCH_LSB+:vggc_isa_pkg::POOL_DESTINATION_ROW_PITCH_WIDTH]);
      end
      vggc_isa_pkg::OPCODE_ALU: begin
        element_shift = instruction[vggc_isa_pkg::ALU_ELEMENT_BYTES_LSB+:2];
        channels = 16'(instruction[vggc_isa_pkg::ALU_CHANNELS_LSB+:vggc_isa_pkg::ALU_CHANNELS_WIDTH]);
        rows = 16'(instruction[vggc_isa_pkg::ALU_ROWS_LSB+:vggc_isa_pkg::ALU_ROWS_WIDTH]);
        columns = 16'(instruction[vggc_isa_pkg::ALU_COLUMNS_LSB+:vggc_isa_pkg::ALU_COLUMNS_WIDTH]);
        input_address = IAW'(instruction[vggc_isa_pkg::ALU_INPUT_ADDRESS_LSB+:vggc_isa_pkg::ALU_INPUT_ADDRESS_WIDTH]);
        plane_pitch = IAW'(instruction[vggc_isa_pkg::ALU_INPUT_PLANE_PITCH_LSB+:vggc_isa_pkg::ALU_INPUT_PLANE_PITCH_WIDTH]);
        row_pitch = IAW'(instruction[vggc_isa_pkg::ALU_INPUT_ROW_PITCH_LSB+:vggc_isa_pkg::ALU_INPUT_ROW_PITCH_WIDTH]);
        record_base = WAW'(instruction[vggc_isa_pkg::ALU_TABLE_ADDRESS_LSB+:vggc_isa_pkg::ALU_TABLE_ADDRESS_WIDTH]);
        destination_is_input = instruction[vggc_isa_pkg::ALU_DESTINATION_BUFFER_LSB+:vggc_isa_pkg::ALU_DESTINATION_BUFFER_WIDTH] == 2'(vggc_isa_pkg::ALU_DESTINATION_BUFFER_INPUT);
        destination_address = DAW'(instruction[vggc_isa_pkg::ALU_DESTINATION_ADDRESS_LSB+:vggc_isa_pkg::ALU_DESTINATION_ADDRESS_WIDTH]);
        destination_plane_pitch = DAW'(instruction[vggc_isa_pkg::ALU_DESTINATION_PLANE_PITCH_LSB+:vggc_isa_pkg::ALU_DESTINATION_PLANE_PITCH_WIDTH]);
        destination_row_pitch = DAW'(instruction[vggc_isa_pkg::ALU_DESTINATION_ROW_PITCH_LSB+:vggc_isa_pkg::ALU_DESTINATION_ROW_PITCH_WIDTH]);
      end
      vggc_isa_pkg::OPCODE_ADD: begin
        element_shift = instruction[vggc_isa_pkg::ADD_ELEMENT_BYTES_LSB+:2];
        channels = 16'(instruction[vggc_isa_pkg::ADD_CHANNELS_LSB+:vggc_isa_pkg::ADD_CHANNELS_WIDTH]);
        rows = 16'(instruction[vggc_isa_pkg::ADD_ROWS_LSB+:vggc_isa_pkg::ADD_ROWS_WIDTH]);
        columns = 16'(instruction[vggc_isa_pkg::ADD_COLUMNS_LSB+:vggc_isa_pkg::ADD_COLUMNS_WIDTH]);
        input_address = IAW'(instruction[vggc_isa_pkg::ADD_INPUT_ADDRESS_LSB+:vggc_isa_pkg::ADD_INPUT_ADDRESS_WIDTH]);
        plane_pitch = IAW'(instruction[vggc_isa_pkg::ADD_INPUT_PLANE_PITCH_LSB+:vggc_isa_pkg::ADD_INPUT_PLANE_PITCH_WIDTH]);
        row_pitch = IAW'(instruction[vggc_isa_pkg::ADD_INPUT_ROW_PITCH_LSB+:vggc_isa_pkg::ADD_INPUT_ROW_PITCH_WIDTH]);
        accumulator_base = AAW'(instruction[vggc_isa_pkg::ADD_ACCUMULATOR_ADDRESS_LSB+:vggc_isa_pkg::ADD_ACCUMULATOR_ADDRESS_WIDTH]);
        destination_is_input = instruction[vggc_isa_pkg::ADD_DESTINATION_BUFFER_LSB+:vggc_isa_pkg::ADD_DESTINATION_BUFFER_WIDTH] == 2'(vggc_isa_pkg::ADD_DESTINATION_BUFFER_INPUT);
        destination_address = DAW'(instruction[vggc_isa_pkg::ADD_DESTINATION_ADDRESS_LSB+:vggc_isa_pkg::ADD_DESTINATION_ADDRESS_WIDTH]);
        destination_plane_pitch = DAW'(instruction[vggc_isa_pkg::ADD_DESTINATION_PLANE_PITCH_LSB+:vggc_isa_pkg::ADD_DESTINATION_PLANE_PITCH_WIDTH]);
        destination_row_pitch = DAW'(instruction[vggc_isa_pkg::ADD_DESTINATION_ROW_PITCH_LSB+:vggc_isa_pkg::ADD_DESTINATION_ROW_PITCH_WIDTH]);
      end
      default: ;
    endcase
  end

  // Per-instruction steps: the only multiplies of the address path, one each for all lanes.
  always_comb begin
    logic [IAW-1:0] strided_row;
    logic [7:0] column_stride, row_stride, last_kernel_column;
    // Only the buffer's address bits matter (more when a buffer is smaller than 64 KiB).
    /* verilator lint_off UNUSEDSIGNAL */
    logic [15:0] last_row, last_column;
    /* verilator lint_on UNUSEDSIGNAL */
    last_row = rows - 16'd1;
    last_column = columns - 16'd1;
    last_kernel_column = kernel_width - 8'd1;
    column_stride = is_gemm || is_pool ? stride_width : 8'd1;
    row_stride = is_gemm || is_pool ? stride_height : 8'd1;
    strided_row = IAW'(row_stride) * row_pitch;
    column_step = IAW'(column_stride);
    row_step = strided_row - IAW'(last_column) * IAW'(column_stride);
    plane_step = plane_pitch - IAW'(last_row) * strided_row - IAW'(last_column) * IAW'(column_stride);
    destination_row_step = destination_row_pitch - DAW'(last_column);
    destination_plane_step = destination_plane_pitch - DAW'(last_row) * destination_row_pitch
        - DAW'(last_column);
    kernel_column_step = is_gemm ? IAW'(dilation_width) : IAW'(1);
    kernel_row_step = (is_gemm ? IAW'(dilation_height) * row_pitch : row_pitch)
        - IAW'(last_kernel_column) * kernel_column_step;
    taps = 16'(kernel_height) * 16'(kernel_width);
    output_channel_weight_step = depthwise ? WAW'(taps) : WAW'(in_channels) * WAW'(taps);
    pixels = AAW'(rows) * AAW'(columns);
  end

  // The element chain.
  always_comb begin
    logic [16:0] channel;
    logic [15:0] row, column;
    logic [IAW-1:0] offset;
    logic [DAW-1:0] destination;
    channel = first_channel;
    row = first_row;
    column = first_column;
    offset = first_input;
    destination = first_destination;
    for (int lane = 0; lane <= CHAIN; lane++) begin
      element_channel[17*lane+:17] = channel;
      element_row[16*lane+:16] = row;
      element_column[16*lane+:16] = column;
      element_input[IAW*lane+:IAW] = offset;
      element_destination[DAW*lane+:DAW] = destination;
      if (17'(column) + 17'd1 < 17'(columns)) begin
        column = column + 16'd1;
        offset = offset + column_step;
        destination = destination + DAW'(1);
      end else if (17'(row) + 17'd1 < 17'(rows)) begin
        column = '0;
        row = row + 16'd1;
        offset = offset + row_step;
        destination = destination + destination_row_step;
      end else begin
        column = '0;
        row = '0;
        channel = channel + 17'd1;
        offset = offset + plane_step;
        destination = destination + destination_plane_step;
      end
    end
  end

  // The kernel-tap chain.
  always_comb begin
    logic [15:0] tap_y, tap_x, index;
    logic [IAW-1:0] offset;
    tap_y = first_tap_row;
    tap_x = first_tap_column;
    index = first_tap_index;
    offset = first_tap_input;
    for (int lane = 0; lane <= PK; lane++) begin
      tap_row[16*lane+:16] = tap_y;
      tap_column[16*lane+:16] = tap_x;
      tap_index[16*lane+:16] = index;
      tap_input[IAW*lane+:IAW] = offset;
      index = index + 16'd1;
      if (tap_x + 16'd1 < 16'(kernel_width)) begin
        tap_x = tap_x + 16'd1;
        offset = offset + kernel_column_step;
      end else begin
        tap_x = '0;
        tap_y = tap_y + 16'd1;
        offset = offset + kernel_row_step;
      end
    end
  end

  // The input- and output-channel chains.
  always_comb begin
    logic [IAW-1:0] input_offset;
    logic [WAW-1:0] weight_offset;
    logic [AAW-1:0] accumulator_offset;
    input_offset = first_channel_input;
    weight_offset = first_channel_weight;
    for (int lane = 0; lane <= PI; lane++) begin
      channel_input[IAW*lane+:IAW] = input_offset;
      channel_weight[WAW*lane+:WAW] = weight_offset;
      input_offset = input_offset + plane_pitch;
      weight_offset = weight_offset + WAW'(taps);
    end
    input_offset = first_output_input;
    weight_offset = first_output_weight;
    accumulator_offset = first_output_accumulator;
    for (int lane = 0; lane <= PO; lane++) begin
      output_input[IAW*lane+:IAW] = input_offset;
      output_weight[WAW*lane+:WAW] = weight_offset;
      output_accumulator[AAW*lane+:AAW] = accumulator_offset;
      input_offset = input_offset + plane_pitch;
      weight_offset = weight_offset + output_channel_weight_step;
      accumulator_offset = accumulator_offset + pixels;
    end
  end

  // Where each loop's next group starts, and whether the current group is its last.
  always_comb begin
    int element_index, tap_step;
    element_index = !is_gemm ? LANES : depthwise ? DEPTHWISE_LANES : PP;
    tap_step = is_gemm && !depthwise ? PK : 1;
    element_step = AAW'(element_index);
    next_channel = element_channel[17*element_index+:17];
    next_row = element_row[16*element_index+:16];
    next_column = element_column[16*element_index+:16];
    next_input = element_input[IAW*element_index+:IAW];
    next_destination = element_destination[DAW*element_index+:DAW];
    next_tap_row = tap_row[16*tap_step+:16];
    next_tap_column = tap_column[16*tap_step+:16];
    next_tap_index = tap_index[16*tap_step+:16];
    next_tap_input = tap_input[IAW*tap_step+:IAW];
    k_last = !(is_gemm || is_pool) || next_tap_row >= 16'(kernel_height);
    c_last = !is_gemm || depthwise || first_in_channel + 17'(PI) >= 17'(in_channels);
    p_last = next_channel >= 17'(channels);
    m_last = !is_gemm || first_out_channel + 17'(PO) >= 17'(out_channels);
    if (is_gemm) no_work = out_channels == 0 || rows == 0 || columns == 0 || (!depthwise && in_channels == 0) || taps == 0;
    else if (is_pool) no_work = channels == 0 || rows == 0 || columns == 0 || kernel_height == 0 || kernel_width == 0;
    else if (opcode == vggc_isa_pkg::OPCODE_POST || opcode == vggc_isa_pkg::OPCODE_ALU || opcode == vggc_isa_pkg::OPCODE_ADD)
      no_work = channels == 0 || rows == 0 || columns == 0;
    else no_work = 1'b1;
  end

  assign reduction_ends = k_last && c_last;
  assign last_work = reduction_ends && p_last && m_last;

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

  assign working = active && !tail_phase && !no_work && opcode != vggc_isa_pkg::OPCODE_SYNC;

  // Lane addresses: sums of chain offsets, shifted by the element width.
  always_comb begin
    logic [31:0] q;
    q = '0;
    input_read_address = '0;
    weight_read_address = '0;
    accumulator_address = '0;
    record_read_address = '0;
    lane_accumulator_address = '0;
    destination_write_address = '0;
    if (working && is_gemm && !depthwise) begin
      for (int pi = 0; pi < PI; pi++) for (int pk = 0; pk < PK; pk++) for (int pp = 0; pp < PP; pp++)
        input_read_address[IAW*((pi*PK+pk)*PP+pp)+:IAW] = input_address + ((channel_input[IAW*pi+:IAW]
            + tap_input[IAW*pk+:IAW] + element_input[IAW*pp+:IAW]) << element_shift);
      for (int po = 0; po < PO; po++) for (int pi = 0; pi < PI; pi++) for (int pk = 0; pk < PK; pk++)
        weight_read_address[WAW*((po*PI+pi)*PK+pk)+:WAW] = weight_address + ((output_weight[WAW*po+:WAW]
            + channel_weight[WAW*pi+:WAW] + WAW'(tap_index[16*pk+:16])) << element_shift);
      for (int po = 0; po < PO; po++) for (int pp = 0; pp < PP; pp++)
        accumulator_address[AAW*(po*PP+pp)+:AAW] = accumulator_base + ((output_accumulator[AAW*po+:AAW]
            + first_element + AAW'(pp)) << accumulator_shift);
    end else if (working && is_gemm) begin
      for (int po = 0; po < PO; po++) for (int lane = 0; lane < DEPTHWISE_LANES; lane++) begin
        input_read_address[IAW*(po*DEPTHWISE_LANES+lane)+:IAW] = input_address + ((output_input[IAW*po+:IAW]
            + tap_input[0+:IAW] + element_input[IAW*lane+:IAW]) << element_shift);
        weight_read_address[WAW*(po*DEPTHWISE_LANES+lane)+:WAW] = weight_address
            + ((output_weight[WAW*po+:WAW] + WAW'(tap_index[0+:16])) << element_shift);
        accumulator_address[AAW*(po*DEPTHWISE_LANES+lane)+:AAW] = accumulator_base + ((output_accumulator[AAW*po+:AAW]
            + first_element + AAW'(lane)) << accumulator_shift);
      end
    end else if (working) begin
      for (int lane = 0; lane < LANES; lane++) begin
        input_read_address[IAW*lane+:IAW] = input_address
            + ((element_input[IAW*lane+:IAW] + (is_pool ? tap_input[0+:IAW] : IAW'(0))) << element_shift);
        if (opcode == vggc_isa_pkg::OPCODE_POST) begin
          lane_accumulator_address[AAW*lane+:AAW] = accumulator_base + ((first_element + AAW'(lane)) << post_accumulator_shift);
          record_read_address[WAW*lane+:WAW] = record_base + WAW'(element_channel[17*lane+:17]) * WAW'(12);
        end
        if (opcode == vggc_isa_pkg::OPCODE_ADD)
          lane_accumulator_address[AAW*lane+:AAW] = accumulator_base + ((first_element + AAW'(lane)) << 3);
        destination_write_address[DAW*lane+:DAW] = destination_address + (element_destination[DAW*lane+:DAW] << element_shift);
      end
    end
    // ALU tables: the address depends on the value read.
    if (working && opcode == vggc_isa_pkg::OPCODE_ALU) begin
      for (int lane = 0; lane < LANES; lane++) begin
        q = 32'(vggc_arith_pkg::sign_extend(64'($signed(input_read_data[EBITS*lane+:EBITS])), 4'd1 << element_shift));
        if (32'(instruction[vggc_isa_pkg::ALU_OPERATION_LSB+:vggc_isa_pkg::ALU_OPERATION_WIDTH]) == vggc_isa_pkg::ALU_OPERATION_LOOKUP_TABLE)
          record_read_address[WAW*lane+:WAW] = record_base + WAW'(q) + WAW'(128);
        else record_read_address[WAW*lane+:WAW] = record_base + WAW'(vggc_arith_pkg::sigmoid_segment(32'(q))) * WAW'(4);
      end
    end
  end

  // GEMM: products summed over the reduction lanes, then into the partial and stored sums.
  always_comb begin
    logic signed [EBITS-1:0] x, w;
    logic signed [2*EBITS-1:0] product;
    logic [ABITS-1:0] stored, accumulated;
    logic m_valid, p_valid, c_valid, k_valid;
    {x, w, product, stored, accumulated, m_valid, p_valid, c_valid, k_valid} = '0;
    sums = '0;
    accumulator_write_data = '0;
    accumulator_write_count = '0;
    if (working && is_gemm && !depthwise) begin
      for (int po = 0; po < PO; po++) for (int pp = 0; pp < PP; pp++) begin
        m_valid = first_out_channel + 17'(po) < 17'(out_channels);
        p_valid = element_channel[17*pp+:17] == 17'd0;
        for (int pi = 0; pi < PI; pi++) for (int pk = 0; pk < PK; pk++) begin
          c_valid = first_in_channel + 17'(pi) < 17'(in_channels);
          k_valid = tap_row[16*pk+:16] < 16'(kernel_height);
          x = element(input_read_data[EBITS*((pi*PK+pk)*PP+pp)+:EBITS]);
          w = element(weight_read_data[EBITS*((po*PI+pi)*PK+pk)+:EBITS]);
          product = x * w;
          if (m_valid && c_valid && k_valid && p_valid)
            sums[ABITS*(po*PP+pp)+:ABITS] = sums[ABITS*(po*PP+pp)+:ABITS] + ABITS'(product);
        end
        stored = g_reset ? '0 : stored_sum(accumulator_read_data[ABITS*(po*PP+pp)+:ABITS]);
        accumulated = stored + partial[ABITS*(po*PP+pp)+:ABITS] + sums[ABITS*(po*PP+pp)+:ABITS];
        accumulator_write_data[ABITS*(po*PP+pp)+:ABITS] = accumulated;
        if (reduction_ends && m_valid && p_valid) accumulator_write_count[5*(po*PP+pp)+:5] = 5'd1 << accumulator_shift;
      end
    end else if (working && is_gemm) begin
      for (int po = 0; po < PO; po++) for (int lane = 0; lane < DEPTHWISE_LANES; lane++) begin
        m_valid = first_out_channel + 17'(po) < 17'(out_channels);
        p_valid = element_channel[17*lane+:17] == 17'd0;
        x = element(input_read_data[EBITS*(po*DEPTHWISE_LANES+lane)+:EBITS]);
        w = element(weight_read_data[EBITS*(po*DEPTHWISE_LANES+lane)+:EBITS]);
        product = x * w;
        if (m_valid && p_valid) sums[ABITS*(po*DEPTHWISE_LANES+lane)+:ABITS] = ABITS'(product);
        stored = g_reset ? '0 : stored_sum(accumulator_read_data[ABITS*(po*DEPTHWISE_LANES+lane)+:ABITS]);
        accumulated = stored + partial[ABITS*(po*DEPTHWISE_LANES+lane)+:ABITS] + sums[ABITS*(po*DEPTHWISE_LANES+lane)+:ABITS];
        accumulator_write_data[ABITS*(po*DEPTHWISE_LANES+lane)+:ABITS] = accumulated;
        if (reduction_ends && m_valid && p_valid) accumulator_write_count[5*(po*DEPTHWISE_LANES+lane)+:5] = 5'd1 << accumulator_shift;
      end
    end
  end

  // An element of the instruction's width, sign-extended to the datapath's.
  function automatic logic signed [EBITS-1:0] element(input logic [EBITS-1:0] raw);
    element = EBITS'(vggc_arith_pkg::sign_extend(64'($signed(raw)), 4'd1 << element_shift));
  endfunction

  // A stored partial sum of the instruction's width, sign-extended to the datapath's.
  function automatic logic [ABITS-1:0] stored_sum(input logic [ABITS-1:0] raw);
    stored_sum = ABITS'(vggc_arith_pkg::sign_extend(64'($signed(raw)), 4'd1 << accumulator_shift));
  endfunction

  // POST, POOL, ALU and ADD lanes. Each lane has one 33×33 multiplier (four DSP48E1s), shared by
  // the instructions' products: POST's requantization, POOL's average, ADD's rescale and the
  // sigmoid's interpolation.
  always_comb begin
    logic signed [63:0] value, accumulated, q, scaled, maximum, sum, product;
    logic signed [32:0] factor, multiplicand;
    logic valid, average, lookup, sigmoid;
    logic [95:0] record;
    {value, accumulated, q, scaled, maximum, sum, product, factor, multiplicand, valid, average, lookup, sigmoid, record} = '0;
    next_window = '0;
    destination_write_data = '0;
    input_write_count = '0;
    output_write_count = '0;
    lane_accumulator_write_data = '0;
    lane_accumulator_write_count = '0;
    average = 32'(instruction[vggc_isa_pkg::POOL_KIND_LSB+:vggc_isa_pkg::POOL_KIND_WIDTH]) == vggc_isa_pkg::POOL_KIND_AVERAGE;
    lookup = 32'(instruction[vggc_isa_pkg::ALU_OPERATION_LSB+:vggc_isa_pkg::ALU_OPERATION_WIDTH]) == vggc_isa_pkg::ALU_OPERATION_LOOKUP_TABLE;
    sigmoid = 32'(instruction[vggc_isa_pkg::ALU_OPERATION_LSB+:vggc_isa_pkg::ALU_OPERATION_WIDTH])
        == vggc_isa_pkg::ALU_OPERATION_PIECEWISE_LINEAR_SIGMOID;
    if (working && !is_gemm) begin
      for (int lane = 0; lane < LANES; lane++) begin
        valid = element_channel[17*lane+:17] < 17'(channels);
        q = vggc_arith_pkg::sign_extend(64'($signed(input_read_data[EBITS*lane+:EBITS])), 4'd1 << element_shift);
        record = record_read_data[96*lane+:96];
        // The operands of the lane's product, and the sums before it.
        accumulated = 64'sd0;
        sum = 64'sd0;
        maximum = 64'sd0;
        factor = '0;
        multiplicand = '0;
        case (opcode)
          vggc_isa_pkg::OPCODE_POST: begin
            accumulated = vggc_arith_pkg::sign_extend(lane_accumulator_read_data[64*lane+:64], 4'd1 << post_accumulator_shift)
                + vggc_arith_pkg::sign_extend(64'(record[31:0]), 4'd4);
            if (instruction[vggc_isa_pkg::POST_SATURATE_LSB]) accumulated = vggc_arith_pkg::saturate_int32(accumulated);
            factor = 33'(vggc_arith_pkg::saturate_int32(accumulated));
            multiplicand = 33'($signed(record[63:32]));
          end
          vggc_isa_pkg::OPCODE_ALU: begin
            factor = 33'($signed(record[63:32])) - 33'($signed(record[31:0]));
            multiplicand = 33'(vggc_arith_pkg::sigmoid_offset(32'(q)));
          end
          vggc_isa_pkg::OPCODE_ADD: begin
            factor = 33'(q - vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::ADD_ZERO_POINT_LSB+:vggc_isa_pkg::ADD_ZERO_POINT_WIDTH]), 4'd4));
            multiplicand = 33'(instruction[vggc_isa_pkg::ADD_MULTIPLIER_LSB+:vggc_isa_pkg::ADD_MULTIPLIER_WIDTH]);
          end
          default: begin
            maximum = tap_index[0+:16] == 16'd0 || q > $signed(window[64*lane+:64]) ? q : $signed(window[64*lane+:64]);
            sum = (tap_index[0+:16] == 16'd0 ? 64'sd0 : $signed(window[64*lane+:64]))
                + (q - vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::POOL_INPUT_ZERO_POINT_LSB+:vggc_isa_pkg::POOL_INPUT_ZERO_POINT_WIDTH]), 4'd4));
            factor = 33'(vggc_arith_pkg::saturate_int32(sum));
            multiplicand = 33'(instruction[vggc_isa_pkg::POOL_MULTIPLIER_LSB+:vggc_isa_pkg::POOL_MULTIPLIER_WIDTH]);
          end
        endcase
        product = vggc_arith_pkg::wide_product(factor, multiplicand);
        // The result.
        value = 64'sd0;
        case (opcode)
          vggc_isa_pkg::OPCODE_POST: begin
            case (32'(instruction[vggc_isa_pkg::POST_REQUANTIZATION_LSB+:vggc_isa_pkg::POST_REQUANTIZATION_WIDTH]))
              vggc_isa_pkg::POST_REQUANTIZATION_MULTIPLIER: scaled = vggc_arith_pkg::rounding_shift(product, record[95:64]);
              vggc_isa_pkg::POST_REQUANTIZATION_SHIFT: scaled = vggc_arith_pkg::rounding_shift(accumulated, record[95:64]);
              default: scaled = product >>> 16;
            endcase
            value = vggc_arith_pkg::clamp(vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::POST_OUTPUT_ZERO_POINT_LSB+:vggc_isa_pkg::POST_OUTPUT_ZERO_POINT_WIDTH]), 4'd4) + scaled,
                          instruction[vggc_isa_pkg::POST_CLAMP_LOW_LSB+:vggc_isa_pkg::POST_CLAMP_LOW_WIDTH], instruction[vggc_isa_pkg::POST_CLAMP_HIGH_LSB+:vggc_isa_pkg::POST_CLAMP_HIGH_WIDTH]);
          end
          vggc_isa_pkg::OPCODE_ALU: begin
            if (lookup) value = vggc_arith_pkg::sign_extend(64'(record[7:0]), 4'd1);
            else if (sigmoid) value = vggc_arith_pkg::sigmoid(q[31], record[31:0], product);
            else value = vggc_arith_pkg::clamp(q, instruction[vggc_isa_pkg::ALU_CLAMP_LOW_LSB+:vggc_isa_pkg::ALU_CLAMP_LOW_WIDTH],
                                               instruction[vggc_isa_pkg::ALU_CLAMP_HIGH_LSB+:vggc_isa_pkg::ALU_CLAMP_HIGH_WIDTH]);
          end
          vggc_isa_pkg::OPCODE_ADD: begin
            accumulated = (instruction[vggc_isa_pkg::ADD_ACCUMULATE_LSB] ? $signed(lane_accumulator_read_data[64*lane+:64]) : 64'sd0) + product;
            value = vggc_arith_pkg::clamp(vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::ADD_OUTPUT_ZERO_POINT_LSB+:vggc_isa_pkg::ADD_OUTPUT_ZERO_POINT_WIDTH]), 4'd4)
                              + vggc_arith_pkg::rounding_shift(accumulated, 32'(instruction[vggc_isa_pkg::ADD_SHIFT_LSB+:vggc_isa_pkg::ADD_SHIFT_WIDTH])),
                          instruction[vggc_isa_pkg::ADD_CLAMP_LOW_LSB+:vggc_isa_pkg::ADD_CLAMP_LOW_WIDTH], instruction[vggc_isa_pkg::ADD_CLAMP_HIGH_LSB+:vggc_isa_pkg::ADD_CLAMP_HIGH_WIDTH]);
            if (!instruction[vggc_isa_pkg::ADD_WRITE_LSB] && valid) begin
              lane_accumulator_write_data[64*lane+:64] = accumulated;
              lane_accumulator_write_count[5*lane+:5] = 5'd8;
            end
          end
          default: begin
            if (average) begin
              next_window[64*lane+:64] = sum;
              value = vggc_arith_pkg::sign_extend(64'(instruction[vggc_isa_pkg::POOL_OUTPUT_ZERO_POINT_LSB+:vggc_isa_pkg::POOL_OUTPUT_ZERO_POINT_WIDTH]), 4'd4)
                  + vggc_arith_pkg::rounding_shift(product, 32'(instruction[vggc_isa_pkg::POOL_SHIFT_LSB+:vggc_isa_pkg::POOL_SHIFT_WIDTH]));
            end else begin
              next_window[64*lane+:64] = maximum;
              value = maximum;
            end
            value = vggc_arith_pkg::clamp(value, instruction[vggc_isa_pkg::POOL_CLAMP_LOW_LSB+:vggc_isa_pkg::POOL_CLAMP_LOW_WIDTH],
                          instruction[vggc_isa_pkg::POOL_CLAMP_HIGH_LSB+:vggc_isa_pkg::POOL_CLAMP_HIGH_WIDTH]);
          end
        endcase
        destination_write_data[EBITS*lane+:EBITS] = EBITS'(value);
        if (valid && reduction_ends && (opcode != vggc_isa_pkg::OPCODE_ADD || instruction[vggc_isa_pkg::ADD_WRITE_LSB])) begin
          if (destination_is_input) input_write_count[5*lane+:5] = 5'd1 << element_shift;
          else output_write_count[5*lane+:5] = 5'd1 << element_shift;
        end
      end
    end
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      running <= 1'b0;
      tail_phase <= 1'b0;
      tail <= '0;
      partial <= '0;
      {first_channel, first_row, first_column, first_input, first_destination, first_element} <= '0;
      {first_tap_row, first_tap_column, first_tap_index, first_tap_input} <= '0;
      {first_in_channel, first_channel_input, first_channel_weight} <= '0;
      {first_out_channel, first_output_input, first_output_weight, first_output_accumulator} <= '0;
      window <= '0;
    end else if (finished) begin
      running <= 1'b0;
      tail_phase <= 1'b0;
      tail <= '0;
      partial <= '0;
      {first_channel, first_row, first_column, first_input, first_destination, first_element} <= '0;
      {first_tap_row, first_tap_column, first_tap_index, first_tap_input} <= '0;
      {first_in_channel, first_channel_input, first_channel_weight} <= '0;
      {first_out_channel, first_output_input, first_output_weight, first_output_accumulator} <= '0;
    end else if (active) begin
      running <= 1'b1;
      if (tail_phase) tail <= tail + 32'd1;
      else if (no_work) begin
        tail_phase <= 1'b1;
        tail <= 32'd1;
      end else begin
        for (int lane = 0; lane < MACS; lane++)
          partial[ABITS*lane+:ABITS] <= reduction_ends ? '0 : partial[ABITS*lane+:ABITS] + sums[ABITS*lane+:ABITS];
        window <= next_window;
        if (last_work) tail_phase <= 1'b1;
        if (!k_last) begin
          {first_tap_row, first_tap_column, first_tap_index, first_tap_input}
              <= {next_tap_row, next_tap_column, next_tap_index, next_tap_input};
        end else begin
          {first_tap_row, first_tap_column, first_tap_index, first_tap_input} <= '0;
          if (!c_last) begin
            first_in_channel <= first_in_channel + 17'(PI);
            first_channel_input <= channel_input[IAW*PI+:IAW];
            first_channel_weight <= channel_weight[WAW*PI+:WAW];
          end else begin
            {first_in_channel, first_channel_input, first_channel_weight} <= '0;
            if (!p_last) begin
              {first_channel, first_row, first_column, first_input, first_destination}
                  <= {next_channel, next_row, next_column, next_input, next_destination};
              first_element <= first_element + element_step;
            end else begin
              {first_channel, first_row, first_column, first_input, first_destination, first_element} <= '0;
              first_out_channel <= first_out_channel + 17'(PO);
              first_output_input <= output_input[IAW*PO+:IAW];
              first_output_weight <= output_weight[WAW*PO+:WAW];
              first_output_accumulator <= output_accumulator[AAW*PO+:AAW];
            end
          end
        end
      end
    end
  end
endmodule
