// Fetch and dispatch: reads the 64-byte instructions in order from DRAM through the read channel
// (up to FETCH_WINDOW instructions ahead: the timing model's `TimingModel.fetchWindow`), and
// dispatches one every ISSUE_CYCLES cycles, in stream order,
// to the queue of the unit that executes it (a SYNC to the unit it names). It stops at END; an
// illegal opcode or SYNC unit stops it too and raises `error`.
module vggc_fetch (
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic                     start,
    input  logic [39:0]              stream_address,
    // The read channel (through the read arbiter).
    output logic                     request_valid,
    input  logic                     request_ready,
    output logic [39:0]              request_address,
    input  logic                     response_valid,
    input  logic [vggc_config_pkg::DRAM_BUS_BITS-1:0] response_data,
    // Dispatch to the load (0), compute (1) and store (2) queues: the instruction and its index.
    output logic [2:0]               dispatch,
    output logic [vggc_isa_pkg::INSTRUCTION_ENTRY_BITS-1:0] dispatch_entry,
    input  logic [2:0]               queue_full,
    // Whether END (or an illegal instruction) was dispatched and every read has come back.
    output logic                     stopped,
    output logic                     error,
    output logic [31:0]              end_index
);
  localparam int BUS_BYTES = vggc_config_pkg::DRAM_BUS_BITS / 8;
  localparam int WORDS_PER_INSTRUCTION = vggc_isa_pkg::INSTRUCTION_BITS / 8 / BUS_BYTES;
  localparam int SLOT_BITS = $clog2(WORDS_PER_INSTRUCTION) > 0 ? $clog2(WORDS_PER_INSTRUCTION) : 1;

  logic running;
  logic ended;
  logic [31:0] words_requested;
  logic [31:0] words_received;
  logic [31:0] dispatched;
  logic [31:0] issue_wait;
  logic [vggc_isa_pkg::INSTRUCTION_BITS-1:0] assembly;
  logic [vggc_isa_pkg::INSTRUCTION_BITS-1:0] assembly_next;
  logic buffer_push;
  logic buffer_pop;
  logic [vggc_isa_pkg::INSTRUCTION_ENTRY_BITS-1:0] buffer_head;
  logic buffer_empty;
  logic buffer_full;
  logic [31:0] next_instruction;
  logic [3:0] opcode;
  logic [1:0] unit;
  logic legal;
  logic is_end;

  vggc_instruction_queue #(.WIDTH(vggc_isa_pkg::INSTRUCTION_ENTRY_BITS), .DEPTH(vggc_isa_pkg::FETCH_WINDOW)) prefetched (
      .clk, .rst_n, .push(buffer_push), .push_data({words_received / 32'(WORDS_PER_INSTRUCTION), assembly_next}),
      .pop(buffer_pop), .head(buffer_head), .empty(buffer_empty), .full(buffer_full));

  // The instruction being assembled with this cycle's response in its slot.
  always_comb begin
    assembly_next = assembly;
    assembly_next[(32'(words_received[SLOT_BITS-1:0]) % 32'(WORDS_PER_INSTRUCTION))*vggc_config_pkg::DRAM_BUS_BITS+:vggc_config_pkg::DRAM_BUS_BITS]
        = response_data;
  end

  assign next_instruction = words_requested / 32'(WORDS_PER_INSTRUCTION);
  assign request_valid = running && !ended && !buffer_full && next_instruction < dispatched + 32'(vggc_isa_pkg::FETCH_WINDOW);
  assign request_address = stream_address + 40'(words_requested) * 40'(BUS_BYTES);
  assign buffer_push = response_valid && !ended
      && 32'(words_received % 32'(WORDS_PER_INSTRUCTION)) == 32'(WORDS_PER_INSTRUCTION - 1);

  assign opcode = buffer_head[vggc_isa_pkg::END_OPCODE_LSB+:vggc_isa_pkg::END_OPCODE_WIDTH];
  assign is_end = opcode == vggc_isa_pkg::OPCODE_END;
  always_comb begin
    legal = 1'b1;
    unit = 2'd1;
    case (opcode)
      vggc_isa_pkg::OPCODE_LOAD: unit = 2'd0;
      vggc_isa_pkg::OPCODE_STORE: unit = 2'd2;
      vggc_isa_pkg::OPCODE_GEMM, vggc_isa_pkg::OPCODE_POST, vggc_isa_pkg::OPCODE_POOL, vggc_isa_pkg::OPCODE_ALU, vggc_isa_pkg::OPCODE_ADD: unit = 2'd1;
      vggc_isa_pkg::OPCODE_SYNC: begin
        unit = buffer_head[vggc_isa_pkg::SYNC_UNIT_LSB+:vggc_isa_pkg::SYNC_UNIT_WIDTH];
        legal = unit != 2'd3;
      end
      vggc_isa_pkg::OPCODE_END: unit = 2'd1;
      default: legal = 1'b0;
    endcase
  end

  assign buffer_pop = running && !ended && !buffer_empty && issue_wait == 32'd0 && (is_end || !legal || !queue_full[unit]);
  always_comb begin
    dispatch = 3'b000;
    if (buffer_pop && legal && !is_end) dispatch[unit] = 1'b1;
  end
  assign dispatch_entry = buffer_head;
  assign stopped = ended && words_received == words_requested;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      running <= 1'b0;
      ended <= 1'b0;
      error <= 1'b0;
      words_requested <= '0;
      words_received <= '0;
      dispatched <= '0;
      issue_wait <= '0;
      end_index <= '0;
      assembly <= '0;
    end else if (start) begin
      running <= 1'b1;
      ended <= 1'b0;
      error <= 1'b0;
      words_requested <= '0;
      words_received <= '0;
      dispatched <= '0;
      issue_wait <= '0;
    end else if (running) begin
      if (request_valid && request_ready) words_requested <= words_requested + 32'd1;
      if (response_valid) begin
        words_received <= words_received + 32'd1;
        assembly <= assembly_next;
      end
      if (issue_wait != 32'd0) issue_wait <= issue_wait - 32'd1;
      if (buffer_pop) begin
        dispatched <= dispatched + 32'd1;
        issue_wait <= 32'(vggc_config_pkg::ISSUE_CYCLES - 1);
        if (is_end || !legal) begin
          ended <= 1'b1;
          error <= !legal;
          end_index <= buffer_head[vggc_isa_pkg::INSTRUCTION_BITS+:32];
        end
      end
    end
  end
endmodule
