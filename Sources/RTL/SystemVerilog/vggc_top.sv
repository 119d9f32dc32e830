// The accelerator: fetch and dispatch, the load, compute and store units with their instruction
// queues, the four dependency-token queues, the four SRAM buffers, and a memory read and write channel.
//
// Host protocol: write the DRAM image (constants, input, and the instruction stream at
// `stream_address`, 64-byte aligned), pulse `start` for one cycle, wait for `done` (it stays high
// until the next `start`; `error` reports an illegal opcode or SYNC unit), read the outputs from DRAM.
// Memory: an AXI-like read channel and write channel, each of DRAM_PORTS ports (ceil of
// `dram.bytesPerCycle` over the bus word, vggc_config_pkg) that carry one bus word
// (`dram.busWidthBits`) each at a word-aligned byte address of its own, port p's request passing
// when its valid and ready bits are both high. Requests raise their ports from 0 up, and the memory
// its ready bits from 0 up (as many words as it takes that cycle). The words a read channel takes in
// one cycle carry one id (0 fetch, 1 load), which the memory echoes with their data, all in one
// later cycle on the same ports, in order; the words a write channel takes in one cycle (each with
// its byte strobes, applied in port order) are acknowledged once, in order.
// Trace: `unit_started[u]` / `unit_finished[u]` pulse in the first and last cycle of an instruction
// on unit u (load 0, compute 1, store 2), whose stream index is `unit_index[32*(u)+:32]`.
module vggc_top
#(
    parameter int QUEUE_DEPTH = 32
) (
    input  logic                       clk,
    input  logic                       rst_n,
    input  logic                       start,
    input  logic [39:0]                stream_address,
    output logic                       done,
    output logic                       error,
    output logic [31:0]                end_index,
    output logic [vggc_config_pkg::DRAM_PORTS-1:0]      memory_read_valid,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]      memory_read_ready,
    output logic [vggc_config_pkg::DRAM_PORTS*40-1:0]   memory_read_address,
    output logic                       memory_read_id,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]      memory_read_response_valid,
    input  logic                       memory_read_response_id,
    input  logic [vggc_config_pkg::DRAM_PORTS*vggc_config_pkg::DRAM_BUS_BITS-1:0]   memory_read_response_data,
    output logic [vggc_config_pkg::DRAM_PORTS-1:0]      memory_write_valid,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]      memory_write_ready,
    output logic [vggc_config_pkg::DRAM_PORTS*40-1:0]   memory_write_address,
    output logic [vggc_config_pkg::DRAM_PORTS*vggc_config_pkg::DRAM_BUS_BITS-1:0]   memory_write_data,
    output logic [vggc_config_pkg::DRAM_PORTS*vggc_config_pkg::DRAM_BUS_BITS/8-1:0] memory_write_strobe,
    input  logic                       memory_write_response_valid,
    output logic [2:0]                 unit_started,
    output logic [2:0]                 unit_finished,
    output logic [3*32-1:0]           unit_index
);
  localparam int MACS = vggc_config_pkg::PO * vggc_config_pkg::PI * vggc_config_pkg::PK * vggc_config_pkg::PP;
  localparam int LANES = vggc_config_pkg::PO * vggc_config_pkg::PP;
  localparam int WEIGHT_PORTS = vggc_config_pkg::PO * vggc_config_pkg::PI * vggc_config_pkg::PK;
  // The memory ports, and the load unit's SRAM write ports: one per memory port, and as many for
  // the pad fill.
  localparam int PORTS = vggc_config_pkg::DRAM_PORTS;
  localparam int LOAD_PORTS = 2 * PORTS;

  logic [2*PORTS-1:0] client_valid, client_ready, client_response;
  logic [2*PORTS*40-1:0] client_address;

  localparam int ENTRY_BITS = vggc_isa_pkg::INSTRUCTION_ENTRY_BITS;
  logic [2:0] dispatch, queue_full, queue_empty, queue_pop;
  logic [ENTRY_BITS-1:0] dispatch_entry;
  logic [3*ENTRY_BITS-1:0] queue_head;
  logic stopped;

  // Token queues: load→compute, compute→load, compute→store, store→compute.
  logic push_load_compute, pop_load_compute, load_compute_available;
  logic push_compute_load, pop_compute_load, compute_load_available;
  logic push_compute_store, pop_compute_store, compute_store_available;
  logic push_store_compute, pop_store_compute, store_compute_available;

  logic load_writes_weight;
  logic [LOAD_PORTS*32-1:0] load_write_address;
  logic [LOAD_PORTS*128-1:0] load_write_data;
  logic [LOAD_PORTS*5-1:0] load_write_count;

  localparam int EBITS = 8 * vggc_config_pkg::ELEMENT_BYTES;
  localparam int ABITS = 8 * vggc_config_pkg::ACCUMULATOR_ENTRY_BYTES;
  localparam int IAW = $clog2(vggc_config_pkg::INPUT_BUFFER_BYTES);
  localparam int WAW = $clog2(vggc_config_pkg::WEIGHT_BUFFER_BYTES);
  localparam int AAW = $clog2(vggc_config_pkg::ACCUMULATOR_BUFFER_BYTES);
  localparam int OAW = $clog2(vggc_config_pkg::OUTPUT_BUFFER_BYTES);
  localparam int DAW = IAW > OAW ? IAW : OAW;

  logic [MACS*IAW-1:0] input_read_address;
  logic [MACS*EBITS-1:0] input_read_data;
  logic [LANES*IAW-1:0] lane_input_read_address;
  logic [LANES*EBITS-1:0] lane_input_read_data;
  logic [WEIGHT_PORTS*WAW-1:0] weight_read_address;
  logic [WEIGHT_PORTS*EBITS-1:0] weight_read_data;
  logic [LANES*WAW-1:0] record_read_address;
  logic [LANES*96-1:0] record_read_data;
  logic [MACS*AAW-1:0] accumulator_address;
  logic [MACS*ABITS-1:0] accumulator_read_data, accumulator_write_data;
  logic [MACS*5-1:0] accumulator_write_count;
  logic [LANES*AAW-1:0] lane_accumulator_address;
  logic [LANES*64-1:0] lane_accumulator_read_data, lane_accumulator_write_data;
  logic [LANES*5-1:0] lane_accumulator_write_count;
  logic [LANES*DAW-1:0] destination_write_address;
  logic [LANES*IAW-1:0] destination_input_address;
  logic [LANES*OAW-1:0] destination_output_address;
  logic [LANES*EBITS-1:0] destination_write_data;
  logic [LANES*5-1:0] input_write_count, output_write_count;
  logic [LOAD_PORTS*IAW-1:0] load_input_address;
  logic [LOAD_PORTS*WAW-1:0] load_weight_address;
  logic [PORTS*32-1:0] store_read_address;
  logic [PORTS*OAW-1:0] store_output_address;
  logic [PORTS*128-1:0] store_read_data;
  logic [7:0] unused_output_read;
  logic [PORTS*(32-OAW)-1:0] unused_store_address_bits;

  for (genvar port = 0; port < LOAD_PORTS; port++) begin : load_ports
    assign load_input_address[IAW*port+:IAW] = IAW'(load_write_address[32*port+:32]);
    assign load_weight_address[WAW*port+:WAW] = WAW'(load_write_address[32*port+:32]);
  end
  for (genvar port = 0; port < PORTS; port++) begin : store_ports
    assign store_output_address[OAW*port+:OAW] = store_read_address[32*port+:OAW];
    assign unused_store_address_bits[(32-OAW)*port+:32-OAW] = store_read_address[32*port+OAW+:32-OAW];
  end
  for (genvar lane = 0; lane < LANES; lane++) begin : destination_ports
    assign destination_input_address[IAW*lane+:IAW] = IAW'(destination_write_address[DAW*lane+:DAW]);
    assign destination_output_address[OAW*lane+:OAW] = OAW'(destination_write_address[DAW*lane+:DAW]);
  end

  vggc_read_arbiter arbiter (
      .client_valid, .client_ready, .client_address, .client_response, .memory_read_valid, .memory_read_ready,
      .memory_read_address, .memory_read_id, .memory_read_response_valid, .memory_read_response_id);

  vggc_fetch fetch (
      .clk, .rst_n, .start, .stream_address,
      .request_valid(client_valid[0+:PORTS]), .request_ready(client_ready[0+:PORTS]),
      .request_address(client_address[0+:PORTS*40]), .response_valid(client_response[0+:PORTS]),
      .response_data(memory_read_response_data), .dispatch, .dispatch_entry, .queue_full, .stopped, .error, .end_index);

  for (genvar unit = 0; unit < 3; unit++) begin : queues
    vggc_instruction_queue #(.WIDTH(ENTRY_BITS), .DEPTH(QUEUE_DEPTH)) queue (
        .clk, .rst_n, .push(dispatch[unit]), .push_data(dispatch_entry), .pop(queue_pop[unit]),
        .head(queue_head[ENTRY_BITS*(unit)+:ENTRY_BITS]), .empty(queue_empty[unit]), .full(queue_full[unit]));
    assign unit_index[32*(unit)+:32] = queue_head[ENTRY_BITS*(unit)+vggc_isa_pkg::INSTRUCTION_BITS+:32];
  end

  vggc_token_queue load_compute (.clk, .rst_n, .push(push_load_compute), .pop(pop_load_compute),
                                 .available(load_compute_available));
  vggc_token_queue compute_load (.clk, .rst_n, .push(push_compute_load), .pop(pop_compute_load),
                                 .available(compute_load_available));
  vggc_token_queue compute_store (.clk, .rst_n, .push(push_compute_store), .pop(pop_compute_store),
                                  .available(compute_store_available));
  vggc_token_queue store_compute (.clk, .rst_n, .push(push_store_compute), .pop(pop_store_compute),
                                  .available(store_compute_available));

  vggc_load_unit load (
      .clk, .rst_n, .instruction(queue_head[ENTRY_BITS*(0)+:vggc_isa_pkg::INSTRUCTION_BITS]), .entry_valid(!queue_empty[0]), .entry_pop(queue_pop[0]),
      .token_from_compute(compute_load_available), .take_token_from_compute(pop_compute_load),
      .give_token_to_compute(push_load_compute),
      .request_valid(client_valid[PORTS+:PORTS]), .request_ready(client_ready[PORTS+:PORTS]),
      .request_address(client_address[PORTS*40+:PORTS*40]), .response_valid(client_response[PORTS+:PORTS]),
      .response_data(memory_read_response_data),
      .writes_weight(load_writes_weight), .write_address(load_write_address), .write_data(load_write_data),
      .write_count(load_write_count), .started(unit_started[0]), .finished(unit_finished[0]));

  vggc_compute_unit compute (
      .clk, .rst_n, .instruction(queue_head[ENTRY_BITS*(1)+:vggc_isa_pkg::INSTRUCTION_BITS]), .entry_valid(!queue_empty[1]), .entry_pop(queue_pop[1]),
      .token_from_load(load_compute_available), .token_from_store(store_compute_available),
      .take_token_from_load(pop_load_compute), .take_token_from_store(pop_store_compute),
      .give_token_to_load(push_compute_load), .give_token_to_store(push_compute_store),
      .input_read_address, .input_read_data, .lane_input_read_address, .lane_input_read_data, .weight_read_address, .weight_read_data, .record_read_address,
      .record_read_data, .accumulator_address, .accumulator_read_data, .accumulator_write_data, .accumulator_write_count,
      .lane_accumulator_address, .lane_accumulator_read_data, .lane_accumulator_write_data, .lane_accumulator_write_count,
      .destination_write_address, .destination_write_data, .input_write_count, .output_write_count, .started(unit_started[1]), .finished(unit_finished[1]));

  vggc_store_unit store (
      .clk, .rst_n, .instruction(queue_head[ENTRY_BITS*(2)+:vggc_isa_pkg::INSTRUCTION_BITS]), .entry_valid(!queue_empty[2]), .entry_pop(queue_pop[2]),
      .token_from_compute(compute_store_available), .take_token_from_compute(pop_compute_store),
      .give_token_to_compute(push_store_compute),
      .request_valid(memory_write_valid), .request_ready(memory_write_ready), .request_address(memory_write_address),
      .request_data(memory_write_data), .request_strobe(memory_write_strobe), .response_valid(memory_write_response_valid),
      .read_address(store_read_address), .read_data(store_read_data),
      .started(unit_started[2]), .finished(unit_finished[2]));

  // Input: the MACs (GEMM) and the lanes (POST, POOL, ALU, ADD) read; the load unit (a port per
  // memory port and as many for the pad fill) and the lanes' results write.
  vggc_sram_buffer #(.BYTES(vggc_config_pkg::INPUT_BUFFER_BYTES), .A_READ_PORTS(MACS), .A_READ_BYTES(EBITS / 8),
                     .B_READ_PORTS(LANES), .B_READ_BYTES(EBITS / 8), .A_WRITE_PORTS(LOAD_PORTS), .A_WRITE_BYTES(16),
                     .B_WRITE_PORTS(LANES), .B_WRITE_BYTES(EBITS / 8)) input_buffer (
      .clk, .a_read_address(input_read_address), .a_read_data(input_read_data), .b_read_address(lane_input_read_address),
      .b_read_data(lane_input_read_data), .a_write_address(load_input_address), .a_write_data(load_write_data),
      .a_write_count(load_writes_weight ? '0 : load_write_count), .b_write_address(destination_input_address),
      .b_write_data(destination_write_data), .b_write_count(input_write_count));

  // Weight: the array reads weights (a port per output channel, input channel and tap), the lanes
  // 12-byte POST records and ALU tables; the load unit writes.
  vggc_sram_buffer #(.BYTES(vggc_config_pkg::WEIGHT_BUFFER_BYTES), .A_READ_PORTS(WEIGHT_PORTS), .A_READ_BYTES(EBITS / 8),
                     .B_READ_PORTS(LANES), .B_READ_BYTES(12), .A_WRITE_PORTS(LOAD_PORTS), .A_WRITE_BYTES(16)) weight_buffer (
      .clk, .a_read_address(weight_read_address), .a_read_data(weight_read_data), .b_read_address(record_read_address),
      .b_read_data(record_read_data), .a_write_address(load_weight_address), .a_write_data(load_write_data),
      .a_write_count(load_writes_weight ? load_write_count : '0), .b_write_address(WAW'(0)), .b_write_data(8'd0),
      .b_write_count(5'd0));

  // Accumulator: GEMM lanes read and write partial sums, POST and ADD lanes 8-byte entries.
  vggc_sram_buffer #(.BYTES(vggc_config_pkg::ACCUMULATOR_BUFFER_BYTES), .A_READ_PORTS(MACS), .A_READ_BYTES(ABITS / 8),
                     .B_READ_PORTS(LANES), .B_READ_BYTES(8), .A_WRITE_PORTS(MACS), .A_WRITE_BYTES(ABITS / 8),
                     .B_WRITE_PORTS(LANES), .B_WRITE_BYTES(8)) accumulator_buffer (
      .clk, .a_read_address(accumulator_address), .a_read_data(accumulator_read_data),
      .b_read_address(lane_accumulator_address), .b_read_data(lane_accumulator_read_data),
      .a_write_address(accumulator_address), .a_write_data(accumulator_write_data), .a_write_count(accumulator_write_count),
      .b_write_address(lane_accumulator_address), .b_write_data(lane_accumulator_write_data),
      .b_write_count(lane_accumulator_write_count));

  // Output: the lanes' results write; the store unit reads 16 bytes per memory port.
  vggc_sram_buffer #(.BYTES(vggc_config_pkg::OUTPUT_BUFFER_BYTES), .A_READ_PORTS(PORTS), .A_READ_BYTES(16),
                     .A_WRITE_PORTS(LANES), .A_WRITE_BYTES(EBITS / 8)) output_buffer (
      .clk, .a_read_address(store_output_address), .a_read_data(store_read_data), .b_read_address(OAW'(0)),
      .b_read_data(unused_output_read), .a_write_address(destination_output_address), .a_write_data(destination_write_data),
      .a_write_count(output_write_count), .b_write_address(OAW'(0)), .b_write_data(8'd0), .b_write_count(5'd0));

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) done <= 1'b0;
    else if (start) done <= 1'b0;
    else done <= stopped && &queue_empty;
  end
endmodule
