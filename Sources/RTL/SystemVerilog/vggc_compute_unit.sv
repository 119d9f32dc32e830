// The compute unit (docs/ISA.md): GEMM on the PO×PI×PK×PP array, and POST, POOL, ALU and ADD on
// LANES = PO·PP lanes; also executes compute-unit SYNCs.
//
// GEMM walks output-channel groups of PO, pixel groups of PP, then input-channel groups of PI and
// kernel-position groups of PK; each cycle every PE multiplies one input by one weight (an
// ELEMENT_BYTES×ELEMENT_BYTES product, one DSP48E1 for int8) and the PI·PK products of each
// (channel, pixel) are summed by an adder tree into a partial sum. A GEMM of one kernel position
// (a 1×1 kernel) spreads its input channels over all PI·PK multipliers of a (channel, pixel):
// input-channel groups of PI·PK, multiplier (pi, pk) taking channel pi·PK + pk of the group. The last cycle of a (channel
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
module vggc_compute_unit
#(
    parameter int MACS = vggc_config_pkg::PO * vggc_config_pkg::PI * vggc_config_pkg::PK * vggc_config_pkg::PP,
    parameter int LANES = vggc_config_pkg::PO * vggc_config_pkg::PP,
    parameter int WEIGHT_PORTS = vggc_config_pkg::PO * vggc_config_pkg::PI * vggc_config_pkg::PK,
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
    // GEMM inputs, one port a MAC.
    output logic [MACS*IAW-1:0]    input_read_address,
    input  logic [MACS*EBITS-1:0]  input_read_data,
    // POST, POOL, ALU and ADD inputs, one port a lane.
    output logic [LANES*IAW-1:0]   lane_input_read_address,
    input  logic [LANES*EBITS-1:0] lane_input_read_data,
    // GEMM weights, one port per (output channel, input channel, kernel tap) of the array.
    output logic [WEIGHT_PORTS*WAW-1:0]   weight_read_address,
    input  logic [WEIGHT_PORTS*EBITS-1:0] weight_read_data,
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
  // Input channels a pass reduces: PI, or PI·PK when a 1×1 kernel spreads them.
  localparam int CHANNEL_LANES = PI * PK;
  localparam int CHAIN = DEPTHWISE_LANES > LANES ? DEPTHWISE_LANES : LANES;

  logic [3:0] opcode;
  logic is_gemm, is_pool, depthwise, spread;
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

  // Input-channel chain: CHANNEL_LANES + 1 channels from the group's first.
  logic [(CHANNEL_LANES+1)*IAW-1:0] channel_input;
  logic [(CHANNEL_LANES+1)*WAW-1:0] channel_weight;
  logic [16:0] channel_group;
  logic [IAW-1:0] next_channel_input;
  logic [WAW-1:0] next_channel_weight;
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


  assign opcode = instruction[vggc_isa_pkg::END_OPCODE_LSB+:vggc_isa_pkg::END_OPCODE_WIDTH];
  assign is_gemm = opcode == vggc_isa_pkg::OPCODE_GEMM;
  assign is_pool = opcode == vggc_isa_pkg::OPCODE_POOL;
  assign depthwise = is_gemm && instruction[vggc_isa_pkg::GEMM_DEPTHWISE_LSB];
  // A dense GEMM of one kernel position spreads its input channels over the PK lanes too (with
  // PK = 1 there is nothing to spread, and the choice folds away).
  assign spread = PK > 1 && is_gemm && !depthwise && kernel_height == 8'd1 && kernel_width == 8'd1;

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
    for (int lane = 0; lane <= CHANNEL_LANES; lane++) begin
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
    channel_group = spread ? 17'(CHANNEL_LANES) : 17'(PI);
    next_channel_input = spread ? channel_input[IAW*CHANNEL_LANES+:IAW] : channel_input[IAW*PI+:IAW];
    next_channel_weight = spread ? channel_weight[WAW*CHANNEL_LANES+:WAW] : channel_weight[WAW*PI+:WAW];
    c_last = !is_gemm || depthwise || first_in_channel + channel_group >= 17'(in_channels);
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

  // Validity of each output channel, input channel, kernel tap and pixel of the current group.
  logic [PO-1:0] output_channel_valid;
  logic [CHANNEL_LANES-1:0] input_channel_valid;
  logic [PK-1:0] tap_valid;
  logic [DEPTHWISE_LANES-1:0] pixel_valid;
  logic [LANES-1:0] element_valid;
  logic step, fresh;
  // A cycle of work that advances the partial sums and pooling windows.
  assign step = working && !finished;
  for (genvar po = 0; po < PO; po++) begin : output_channels
    assign output_channel_valid[po] = first_out_channel + 17'(po) < 17'(out_channels);
  end
  for (genvar q = 0; q < CHANNEL_LANES; q++) begin : input_channels
    assign input_channel_valid[q] = first_in_channel + 17'(q) < 17'(in_channels);
  end
  for (genvar pk = 0; pk < PK; pk++) begin : taps_
    assign tap_valid[pk] = tap_row[16*pk+:16] < 16'(kernel_height);
  end
  for (genvar lane = 0; lane < DEPTHWISE_LANES; lane++) begin : pixels_
    assign pixel_valid[lane] = element_channel[17*lane+:17] == 17'd0;
  end
  for (genvar lane = 0; lane < LANES; lane++) begin : elements
    assign element_valid[lane] = element_channel[17*lane+:17] < 17'(channels);
  end

  // The PE array's buffer addresses. MAC j = po·DEPTHWISE_LANES + column sits in row po (an output
  // channel) and column `column` = (pi·PK + pk)·PP + pp. Every address is a per-row term plus a
  // per-column term, each computed once (with its dense/depthwise choice, the buffer's base and the
  // element-width shift) and fanned out, so a port costs one add:
  // - input port j: a dense GEMM's column reads input channel pi, tap pk and pixel pp, the same in
  //   every row (the row term is the base), and a spread one (1×1 kernel) input channel pi·PK + pk
  //   of the group at pixel pp; a depthwise one's row reads its own channel plane and column
  //   `column` its pixel `column` at the current tap;
  // - weight port (po, pi, pk), shared by the PP MACs of a row that differ only in pp: a dense GEMM
  //   reads output channel po's weight for input channel pi and tap pk, a spread one for input
  //   channel pi·PK + pk; a depthwise one output channel po's at the current tap (the same for
  //   every column);
  // - accumulator port j: partial sum (po, pixel `column`); a dense GEMM writes only the first PP
  //   columns of a row (pixel pp), a depthwise one all of them.
  logic [PO*IAW-1:0] input_row;
  logic [DEPTHWISE_LANES*IAW-1:0] input_column;
  logic [PO*WAW-1:0] weight_row;
  logic [PI*PK*WAW-1:0] weight_column;
  logic [PO*AAW-1:0] accumulator_row;
  logic [DEPTHWISE_LANES*AAW-1:0] accumulator_column;
  for (genvar po = 0; po < PO; po++) begin : row_terms
    assign input_row[IAW*po+:IAW] = input_address + (depthwise ? output_input[IAW*po+:IAW] << element_shift : IAW'(0));
    assign weight_row[WAW*po+:WAW] = weight_address + (output_weight[WAW*po+:WAW] << element_shift);
    assign accumulator_row[AAW*po+:AAW] = accumulator_base + ((output_accumulator[AAW*po+:AAW] + first_element) << accumulator_shift);
  end
  for (genvar column = 0; column < DEPTHWISE_LANES; column++) begin : column_terms
    logic [IAW-1:0] offset;
    assign offset = depthwise ? tap_input[0+:IAW] + element_input[IAW*column+:IAW]
        : spread ? channel_input[IAW*(column/PP)+:IAW] + element_input[IAW*(column%PP)+:IAW]
        : channel_input[IAW*(column/(PK*PP))+:IAW] + tap_input[IAW*((column/PP)%PK)+:IAW] + element_input[IAW*(column%PP)+:IAW];
    assign input_column[IAW*column+:IAW] = offset << element_shift;
    assign accumulator_column[AAW*column+:AAW] = AAW'(column) << accumulator_shift;
  end
  for (genvar q = 0; q < PI * PK; q++) begin : weight_column_terms
    logic [WAW-1:0] offset;
    assign offset = depthwise ? WAW'(tap_index[0+:16]) : spread ? channel_weight[WAW*q+:WAW]
        : channel_weight[WAW*(q/PK)+:WAW] + WAW'(tap_index[16*(q%PK)+:16]);
    assign weight_column[WAW*q+:WAW] = offset << element_shift;
  end
  for (genvar j = 0; j < MACS; j++) begin : array_ports
    assign input_read_address[IAW*j+:IAW] = input_row[IAW*(j/DEPTHWISE_LANES)+:IAW] + input_column[IAW*(j%DEPTHWISE_LANES)+:IAW];
    assign accumulator_address[AAW*j+:AAW] = accumulator_row[AAW*(j/DEPTHWISE_LANES)+:AAW]
        + accumulator_column[AAW*(j%DEPTHWISE_LANES)+:AAW];
  end
  for (genvar p = 0; p < WEIGHT_PORTS; p++) begin : weight_ports
    assign weight_read_address[WAW*p+:WAW] = weight_row[WAW*(p/(PI*PK))+:WAW] + weight_column[WAW*(p%(PI*PK))+:WAW];
  end

  // The PE array. MAC j multiplies its own input port by weight port j / PP. A dense GEMM's weight
  // is 0 past the input channels or kernel taps (so the product is), a spread one's past the input
  // channels; products of invalid output channels or pixels reach only partial sums that are never
  // written.
  logic [WEIGHT_PORTS*EBITS-1:0] weights;
  for (genvar p = 0; p < WEIGHT_PORTS; p++) begin : weight_operands
    localparam int Q = p % (PI * PK);
    logic used;
    assign used = depthwise || (spread ? input_channel_valid[Q] : input_channel_valid[Q/PK] && tap_valid[Q%PK]);
    assign weights[EBITS*p+:EBITS] = used ? element(weight_read_data[EBITS*p+:EBITS]) : '0;
  end
  logic [MACS*2*EBITS-1:0] products;
  for (genvar j = 0; j < MACS; j++) begin : macs
    logic signed [EBITS-1:0] x, w;
    assign x = element(input_read_data[EBITS*j+:EBITS]);
    assign w = weights[EBITS*(j/PP)+:EBITS];
    assign products[2*EBITS*j+:2*EBITS] = x * w;
  end

  // Partial sums, one per accumulator port: a dense GEMM's (po, pp) in column pp < PP is the sum of
  // its PI·PK products (an adder tree as wide as the sum can grow), a depthwise GEMM's is its MAC's
  // product. The first pass of a reduction adds the sum to the stored one (or to 0 with `reset`),
  // later passes to the partial-sum register, and the last one writes the total: the address stays
  // the same through a reduction and only its last pass writes it.
  localparam int TREE_BITS = 2 * EBITS + $clog2(PI * PK) + 1 > ABITS ? ABITS : 2 * EBITS + $clog2(PI * PK) + 1;
  for (genvar j = 0; j < MACS; j++) begin : partial_sums
    localparam int ROW = j / DEPTHWISE_LANES;
    localparam int COLUMN = j % DEPTHWISE_LANES;
    logic [ABITS-1:0] sum, base, total, partial;
    logic written;
    if (COLUMN < PP) begin : dense_sum
      logic [TREE_BITS-1:0] tree;
      always_comb begin
        tree = '0;
        for (int r = 0; r < PI * PK; r++) tree = tree + TREE_BITS'($signed(products[2*EBITS*(j+r*PP)+:2*EBITS]));
      end
      assign sum = depthwise ? ABITS'($signed(products[2*EBITS*j+:2*EBITS])) : ABITS'($signed(tree));
      assign written = output_channel_valid[ROW] && pixel_valid[COLUMN];
    end else begin : depthwise_sum
      assign sum = ABITS'($signed(products[2*EBITS*j+:2*EBITS]));
      assign written = depthwise && output_channel_valid[ROW] && pixel_valid[COLUMN];
    end
    assign base = !fresh ? partial : g_reset ? '0 : stored_sum(accumulator_read_data[ABITS*j+:ABITS]);
    assign total = base + sum;
    assign accumulator_write_data[ABITS*j+:ABITS] = total;
    assign accumulator_write_count[5*j+:5] = working && is_gemm && reduction_ends && written ? 5'd1 << accumulator_shift : 5'd0;
    always_ff @(posedge clk or negedge rst_n) begin
      if (!rst_n) partial <= '0;
      else if (step) partial <= total;
    end
  end
  // Whether the next pass starts a reduction (every instruction starts with one).
  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) fresh <= 1'b1;
    else if (finished) fresh <= 1'b1;
    else if (step) fresh <= reduction_ends;
  end

  // An element of the instruction's width, sign-extended to the datapath's.
  function automatic logic signed [EBITS-1:0] element(input logic [EBITS-1:0] raw);
    element = EBITS'(vggc_arith_pkg::sign_extend(64'($signed(raw)), 4'd1 << element_shift));
  endfunction

  // A stored partial sum of the instruction's width, sign-extended to the datapath's.
  function automatic logic [ABITS-1:0] stored_sum(input logic [ABITS-1:0] raw);
    stored_sum = ABITS'(vggc_arith_pkg::sign_extend(64'($signed(raw)), 4'd1 << accumulator_shift));
  endfunction

  // The post-processing lanes, with their record (POST: 12 bytes a channel; ALU: the table entry
  // the input selects), accumulator and destination addresses.
  logic is_post, is_alu, is_add, lookup, sigmoid, average;
  logic [31:0] lane_input_zero_point, lane_output_zero_point, clamp_low, clamp_high;
  logic [32:0] lane_multiplier;
  logic [5:0] lane_shift;
  assign is_post = opcode == vggc_isa_pkg::OPCODE_POST;
  assign is_alu = opcode == vggc_isa_pkg::OPCODE_ALU;
  assign is_add = opcode == vggc_isa_pkg::OPCODE_ADD;
  assign lookup = 32'(instruction[vggc_isa_pkg::ALU_OPERATION_LSB+:vggc_isa_pkg::ALU_OPERATION_WIDTH]) == vggc_isa_pkg::ALU_OPERATION_LOOKUP_TABLE;
  assign sigmoid = 32'(instruction[vggc_isa_pkg::ALU_OPERATION_LSB+:vggc_isa_pkg::ALU_OPERATION_WIDTH])
      == vggc_isa_pkg::ALU_OPERATION_PIECEWISE_LINEAR_SIGMOID;
  assign average = 32'(instruction[vggc_isa_pkg::POOL_KIND_LSB+:vggc_isa_pkg::POOL_KIND_WIDTH]) == vggc_isa_pkg::POOL_KIND_AVERAGE;
  always_comb begin
    lane_input_zero_point = 32'(instruction[vggc_isa_pkg::POOL_INPUT_ZERO_POINT_LSB+:vggc_isa_pkg::POOL_INPUT_ZERO_POINT_WIDTH]);
    lane_output_zero_point = 32'(instruction[vggc_isa_pkg::POOL_OUTPUT_ZERO_POINT_LSB+:vggc_isa_pkg::POOL_OUTPUT_ZERO_POINT_WIDTH]);
    lane_multiplier = 33'(instruction[vggc_isa_pkg::POOL_MULTIPLIER_LSB+:vggc_isa_pkg::POOL_MULTIPLIER_WIDTH]);
    lane_shift = 6'(instruction[vggc_isa_pkg::POOL_SHIFT_LSB+:vggc_isa_pkg::POOL_SHIFT_WIDTH]);
    clamp_low = 32'(instruction[vggc_isa_pkg::POOL_CLAMP_LOW_LSB+:vggc_isa_pkg::POOL_CLAMP_LOW_WIDTH]);
    clamp_high = 32'(instruction[vggc_isa_pkg::POOL_CLAMP_HIGH_LSB+:vggc_isa_pkg::POOL_CLAMP_HIGH_WIDTH]);
    if (is_post) begin
      lane_output_zero_point = 32'(instruction[vggc_isa_pkg::POST_OUTPUT_ZERO_POINT_LSB+:vggc_isa_pkg::POST_OUTPUT_ZERO_POINT_WIDTH]);
      clamp_low = 32'(instruction[vggc_isa_pkg::POST_CLAMP_LOW_LSB+:vggc_isa_pkg::POST_CLAMP_LOW_WIDTH]);
      clamp_high = 32'(instruction[vggc_isa_pkg::POST_CLAMP_HIGH_LSB+:vggc_isa_pkg::POST_CLAMP_HIGH_WIDTH]);
    end else if (is_alu) begin
      clamp_low = 32'(instruction[vggc_isa_pkg::ALU_CLAMP_LOW_LSB+:vggc_isa_pkg::ALU_CLAMP_LOW_WIDTH]);
      clamp_high = 32'(instruction[vggc_isa_pkg::ALU_CLAMP_HIGH_LSB+:vggc_isa_pkg::ALU_CLAMP_HIGH_WIDTH]);
    end else if (is_add) begin
      lane_input_zero_point = 32'(instruction[vggc_isa_pkg::ADD_ZERO_POINT_LSB+:vggc_isa_pkg::ADD_ZERO_POINT_WIDTH]);
      lane_output_zero_point = 32'(instruction[vggc_isa_pkg::ADD_OUTPUT_ZERO_POINT_LSB+:vggc_isa_pkg::ADD_OUTPUT_ZERO_POINT_WIDTH]);
      lane_multiplier = 33'(instruction[vggc_isa_pkg::ADD_MULTIPLIER_LSB+:vggc_isa_pkg::ADD_MULTIPLIER_WIDTH]);
      lane_shift = 6'(instruction[vggc_isa_pkg::ADD_SHIFT_LSB+:vggc_isa_pkg::ADD_SHIFT_WIDTH]);
      clamp_low = 32'(instruction[vggc_isa_pkg::ADD_CLAMP_LOW_LSB+:vggc_isa_pkg::ADD_CLAMP_LOW_WIDTH]);
      clamp_high = 32'(instruction[vggc_isa_pkg::ADD_CLAMP_HIGH_LSB+:vggc_isa_pkg::ADD_CLAMP_HIGH_WIDTH]);
    end
  end

  for (genvar lane = 0; lane < LANES; lane++) begin : lanes
    logic [EBITS-1:0] data;
    logic [31:0] q;
    logic [WAW-1:0] channel;
    logic [AAW-1:0] entry;
    logic [63:0] partial_sum;
    logic writes;
    assign data = lane_input_read_data[EBITS*lane+:EBITS];
    assign q = 32'(vggc_arith_pkg::sign_extend(64'($signed(data)), 4'd1 << element_shift));
    assign channel = WAW'(element_channel[17*lane+:17]);
    assign entry = first_element + AAW'(lane);
    // POOL's window tap; the tap chain stays at 0 through POST, ALU and ADD (their reduction always ends).
    assign lane_input_read_address[IAW*lane+:IAW] = input_address + ((element_input[IAW*lane+:IAW] + tap_input[0+:IAW]) << element_shift);
    always_comb begin
      record_read_address[WAW*lane+:WAW] = record_base + (channel << 3) + (channel << 2);
      if (lookup) begin
        if (is_alu) record_read_address[WAW*lane+:WAW] = record_base + WAW'(q) + WAW'(128);
      end else if (is_alu) record_read_address[WAW*lane+:WAW] = record_base + WAW'({vggc_arith_pkg::sigmoid_segment(q), 2'd0});
    end
    assign lane_accumulator_address[AAW*lane+:AAW] = accumulator_base + (entry << (is_add ? 2'd3 : post_accumulator_shift));
    assign destination_write_address[DAW*lane+:DAW] = destination_address + (element_destination[DAW*lane+:DAW] << element_shift);
    vggc_lane #(.EBITS(EBITS)) lane_unit (
        .clk, .step, .is_post, .is_alu, .is_add, .is_pool, .element_shift, .accumulator_shift(post_accumulator_shift),
        .requantization(instruction[vggc_isa_pkg::POST_REQUANTIZATION_LSB+:2]), .saturate(instruction[vggc_isa_pkg::POST_SATURATE_LSB]),
        .lookup, .sigmoid, .accumulate(instruction[vggc_isa_pkg::ADD_ACCUMULATE_LSB]), .average,
        .first_tap(tap_index[0+:16] == 16'd0), .input_zero_point(lane_input_zero_point), .output_zero_point(lane_output_zero_point),
        .multiplier(lane_multiplier), .shift(lane_shift), .clamp_low, .clamp_high, .input_data(data),
        .record(record_read_data[96*lane+:96]), .accumulator(lane_accumulator_read_data[64*lane+:64]),
        .result(destination_write_data[EBITS*lane+:EBITS]), .partial_sum);
    assign lane_accumulator_write_data[64*lane+:64] = partial_sum;
    assign lane_accumulator_write_count[5*lane+:5] = working && is_add && !instruction[vggc_isa_pkg::ADD_WRITE_LSB]
        && element_valid[lane] ? 5'd8 : 5'd0;
    assign writes = working && !is_gemm && element_valid[lane] && reduction_ends && (!is_add || instruction[vggc_isa_pkg::ADD_WRITE_LSB]);
    assign input_write_count[5*lane+:5] = writes && destination_is_input ? 5'd1 << element_shift : 5'd0;
    assign output_write_count[5*lane+:5] = writes && !destination_is_input ? 5'd1 << element_shift : 5'd0;
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      running <= 1'b0;
      tail_phase <= 1'b0;
      tail <= '0;
      {first_channel, first_row, first_column, first_input, first_destination, first_element} <= '0;
      {first_tap_row, first_tap_column, first_tap_index, first_tap_input} <= '0;
      {first_in_channel, first_channel_input, first_channel_weight} <= '0;
      {first_out_channel, first_output_input, first_output_weight, first_output_accumulator} <= '0;
    end else if (finished) begin
      running <= 1'b0;
      tail_phase <= 1'b0;
      tail <= '0;
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
        if (last_work) tail_phase <= 1'b1;
        if (!k_last) begin
          {first_tap_row, first_tap_column, first_tap_index, first_tap_input}
              <= {next_tap_row, next_tap_column, next_tap_index, next_tap_input};
        end else begin
          {first_tap_row, first_tap_column, first_tap_index, first_tap_input} <= '0;
          if (!c_last) begin
            first_in_channel <= first_in_channel + channel_group;
            first_channel_input <= next_channel_input;
            first_channel_weight <= next_channel_weight;
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
