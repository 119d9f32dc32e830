// Fetch and dispatch: reads the 64-byte instructions in order from DRAM through the read channel
// (up to FETCH_WINDOW instructions ahead, the timing model's `TimingModel.fetchWindow`; the next
// words of one instruction a cycle, one per memory port and never past the instruction's end), and
// dispatches one every ISSUE_CYCLES cycles, in stream order,
// to the queue of the unit that executes it (a SYNC to the unit it names). It stops at END; an
// illegal opcode or SYNC unit stops it too and raises `error`.
module vggc_fetch (
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic                     start,
    input  logic [39:0]              stream_address,
    // The read channel (through the read arbiter).
    output logic [vggc_config_pkg::DRAM_PORTS-1:0]    request_valid,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]    request_ready,
    output logic [vggc_config_pkg::DRAM_PORTS*40-1:0] request_address,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]    response_valid,
    input  logic [vggc_config_pkg::DRAM_PORTS*vggc_config_pkg::DRAM_BUS_BITS-1:0] response_data,
    // Dispatch to the load (0), compute (1) and store (2) queues: the instruction and its index.
    output logic [2:0]               dispatch,
    output logic [vggc_isa_pkg::INSTRUCTION_ENTRY_BITS-1:0] dispatch_entry,
    input  logic [2:0]               queue_full,
    // Whether END (or an illegal instruction) was dispatched and every read has come back.
    output logic                     stopped,
    output logic                     error,
    output logic [31:0]              end_index
);
  localparam int PORTS = vggc_config_pkg::DRAM_PORTS;
  localparam int BUS_BITS = vggc_config_pkg::DRAM_BUS_BITS;
  localparam int BUS_BYTES = BUS_BITS / 8;
  localparam int WORDS_PER_INSTRUCTION = vggc_isa_pkg::INSTRUCTION_BITS / 8 / BUS_BYTES;
  localparam int IBITS = vggc_isa_pkg::INSTRUCTION_BITS;
  // The most words one cycle brings: one a port, within one instruction.
  localparam int BEAT_WORDS = PORTS < WORDS_PER_INSTRUCTION ? PORTS : WORDS_PER_INSTRUCTION;

  logic running;
  logic ended;
  logic [31:0] words_requested;
  logic [31:0] words_received;
  // Words taken by the memory and words arriving this cycle; the received words' first slot.
  logic [31:0] taken, arriving, slot;
  logic [(BEAT_WORDS+1)*vggc_isa_pkg::INSTRUCTION_BITS-1:0] shifted;
  logic fetching;
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

  // The instruction being assembled: a cycle's words shift in from the top, so that an instruction's
  // last words leave all of them in order (a beat never holds words of two instructions). `shifted`
  // holds the assembly with k words shifted in at bits IBITS·k, for each k a beat can have.
  assign slot = words_received % 32'(WORDS_PER_INSTRUCTION);
  always_comb begin
    arriving = '0;
    for (int port = 0; port < PORTS; port++) if (response_valid[port]) arriving = arriving + 32'd1;
  end
  assign shifted[0+:IBITS] = assembly;
  for (genvar k = 1; k <= BEAT_WORDS; k++) begin : shifts
    if (k * BUS_BITS < IBITS) begin : part
      assign shifted[IBITS*k+:IBITS] = {response_data[0+:k*BUS_BITS], assembly[IBITS-1:k*BUS_BITS]};
    end else begin : whole
      assign shifted[IBITS*k+:IBITS] = response_data[0+:IBITS];
    end
  end
  assign assembly_next = arriving <= 32'(BEAT_WORDS) ? shifted[IBITS*arriving+:IBITS] : assembly;
  if (PORTS > BEAT_WORDS) begin : beyond_instruction
    // Ports past an instruction's words, which fetch never requests.
    logic [(PORTS-BEAT_WORDS)*BUS_BITS-1:0] unused_response_data;
    assign unused_response_data = response_data[BEAT_WORDS*BUS_BITS+:(PORTS-BEAT_WORDS)*BUS_BITS];
  end

  // Port p requests the instruction's p-th word from the next one on, while it has one.
  assign next_instruction = words_requested / 32'(WORDS_PER_INSTRUCTION);
  assign fetching = running && !ended && !buffer_full && next_instruction < dispatched + 32'(vggc_isa_pkg::FETCH_WINDOW);
  always_comb begin
    taken = '0;
    for (int port = 0; port < PORTS; port++) begin
      request_valid[port] = fetching && words_requested % 32'(WORDS_PER_INSTRUCTION) + 32'(port) < 32'(WORDS_PER_INSTRUCTION);
      request_address[40*port+:40] = stream_address + (40'(words_requested) + 40'(port)) * 40'(BUS_BYTES);
      if (request_valid[port] && request_ready[port]) taken = taken + 32'd1;
    end
  end
  assign buffer_push = arriving != 32'd0 && !ended && slot + arriving == 32'(WORDS_PER_INSTRUCTION);

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
      words_requested <= words_requested + taken;
      if (arriving != 32'd0) begin
        words_received <= words_received + arriving;
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
