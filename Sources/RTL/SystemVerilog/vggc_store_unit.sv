// The store unit (docs/ISA.md, STORE): a 3-D strided DMA from the output buffer to DRAM. After
// DMA_SETUP_CYCLES it writes the bus words covering each DRAM row, up to one per memory port a cycle
// as the memory accepts them (the next DRAM_PORTS words of the transfer, whatever rows they lie in),
// each read from the output buffer (read port p for memory port p) with the byte strobes of its
// row's bytes; it ends in the cycle the memory acknowledges the last cycle's words. Rows (and
// planes) that lie back to back in DRAM are written as one row. Also executes store-unit SYNCs.
module vggc_store_unit
(
    input  logic                       clk,
    input  logic                       rst_n,
    input  logic [vggc_isa_pkg::INSTRUCTION_BITS-1:0]               instruction,
    input  logic                       entry_valid,
    output logic                       entry_pop,
    input  logic                       token_from_compute,
    output logic                       take_token_from_compute,
    output logic                       give_token_to_compute,
    output logic [vggc_config_pkg::DRAM_PORTS-1:0]      request_valid,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]      request_ready,
    output logic [vggc_config_pkg::DRAM_PORTS*40-1:0]   request_address,
    output logic [vggc_config_pkg::DRAM_PORTS*vggc_config_pkg::DRAM_BUS_BITS-1:0]   request_data,
    output logic [vggc_config_pkg::DRAM_PORTS*vggc_config_pkg::DRAM_BUS_BITS/8-1:0] request_strobe,
    input  logic                       response_valid,
    output logic [vggc_config_pkg::DRAM_PORTS*32-1:0]   read_address,
    input  logic [vggc_config_pkg::DRAM_PORTS*128-1:0]  read_data,
    output logic                       started,
    output logic                       finished
);
  localparam int PORTS = vggc_config_pkg::DRAM_PORTS;
  localparam int BUS_BITS = vggc_config_pkg::DRAM_BUS_BITS;
  localparam int BUS_BYTES = BUS_BITS / 8;

  logic running;
  logic active;
  logic is_sync;
  logic [1:0] element_shift;
  logic [15:0] depth;
  logic [15:0] rows;
  logic [15:0] columns;
  logic [18:0] row_bytes;
  logic writes;
  logic [31:0] elapsed;
  logic set_up;
  logic requests_done;
  logic [PORTS-1:0] words, unused_last;
  // Cycles in which the memory took words, and acknowledgements (one for each such cycle).
  logic [31:0] requested;
  logic [31:0] acknowledged;
  logic [23:0] sram_base;
  logic [PORTS*24-1:0] sram_offset;
  logic [PORTS*48-1:0] row_address, word_address, low, high;
  logic [PORTS*8-1:0] unused_address_bits;

  assign is_sync = instruction[vggc_isa_pkg::END_OPCODE_LSB+:vggc_isa_pkg::END_OPCODE_WIDTH] == vggc_isa_pkg::OPCODE_SYNC;
  assign element_shift = instruction[vggc_isa_pkg::STORE_ELEMENT_BYTES_LSB+:2];
  assign depth = 16'(instruction[vggc_isa_pkg::STORE_DEPTH_LSB+:vggc_isa_pkg::STORE_DEPTH_WIDTH]);
  assign rows = 16'(instruction[vggc_isa_pkg::STORE_ROWS_LSB+:vggc_isa_pkg::STORE_ROWS_WIDTH]);
  assign columns = 16'(instruction[vggc_isa_pkg::STORE_COLUMNS_LSB+:vggc_isa_pkg::STORE_COLUMNS_WIDTH]);
  assign row_bytes = 19'(columns) << element_shift;
  assign writes = !is_sync && depth != 0 && rows != 0 && columns != 0;

  assign active = running || (entry_valid && (token_from_compute || !instruction[vggc_isa_pkg::STORE_POP_PREVIOUS_LSB]));
  assign set_up = elapsed >= 32'(vggc_config_pkg::DMA_SETUP_CYCLES);

  vggc_dma_walker walker (
      .clk, .rst_n, .clear(finished), .advance(request_valid & request_ready),
      .base(40'(instruction[vggc_isa_pkg::STORE_DRAM_ADDRESS_LSB+:vggc_isa_pkg::STORE_DRAM_ADDRESS_WIDTH])),
      .plane_stride(40'(instruction[vggc_isa_pkg::STORE_DRAM_PLANE_STRIDE_LSB+:vggc_isa_pkg::STORE_DRAM_PLANE_STRIDE_WIDTH])),
      .row_stride(32'(instruction[vggc_isa_pkg::STORE_DRAM_ROW_STRIDE_LSB+:vggc_isa_pkg::STORE_DRAM_ROW_STRIDE_WIDTH])),
      .depth, .rows, .row_bytes, .sram_row_stride(24'(row_bytes)), .sram_plane_stride(24'(rows) * 24'(row_bytes)),
      .rows_adjacent(1'b1), .planes_adjacent(1'b1), .valid(words), .sram_offset, .row_address, .word_address, .low, .high,
      .last(unused_last), .done(requests_done));

  assign sram_base = 24'(instruction[vggc_isa_pkg::STORE_SRAM_ADDRESS_LSB+:vggc_isa_pkg::STORE_SRAM_ADDRESS_WIDTH]);
  assign request_valid = {PORTS{active && writes && set_up}} & words;
  // Port p writes the transfer's p-th word from the next one on, read from the output buffer.
  for (genvar port = 0; port < PORTS; port++) begin : ports
    assign read_address[32*port+:32] = 32'(24'(sram_base + sram_offset[24*port+:24]
        + 24'(low[48*port+:48] - row_address[48*port+:48])));
    assign unused_address_bits[8*port+:8] = word_address[48*port+40+:8];
    assign request_address[40*port+:40] = 40'(word_address[48*port+:48]);
    assign request_data[BUS_BITS*port+:BUS_BITS] = BUS_BITS'(read_data[128*port+:128]
        << (8 * (low[48*port+:48] - word_address[48*port+:48])));
    for (genvar b = 0; b < BUS_BYTES; b++) begin : strobes
      assign request_strobe[BUS_BYTES*port+b] = word_address[48*port+:48] + 48'(b) >= low[48*port+:48]
          && word_address[48*port+:48] + 48'(b) < high[48*port+:48];
    end
  end

  assign started = entry_valid && !running && active;
  assign finished = active && (is_sync || (elapsed + 32'd1 >= 32'(vggc_config_pkg::DMA_SETUP_CYCLES)
      && (!writes || (requests_done && acknowledged + 32'(response_valid) == requested))));
  assign entry_pop = finished;
  assign take_token_from_compute = started && instruction[vggc_isa_pkg::STORE_POP_PREVIOUS_LSB];
  assign give_token_to_compute = finished && instruction[vggc_isa_pkg::STORE_PUSH_PREVIOUS_LSB];

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      running <= 1'b0;
      elapsed <= '0;
      requested <= '0;
      acknowledged <= '0;
    end else if (finished) begin
      running <= 1'b0;
      elapsed <= '0;
      requested <= '0;
      acknowledged <= '0;
    end else if (active) begin
      running <= 1'b1;
      elapsed <= elapsed + 32'd1;
      if (response_valid) acknowledged <= acknowledged + 32'd1;
      if (|(request_valid & request_ready)) requested <= requested + 32'd1;
    end
  end
endmodule
