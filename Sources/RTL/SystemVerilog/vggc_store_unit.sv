// The store unit (docs/ISA.md, STORE): a 3-D strided DMA from the output buffer to DRAM. After
// DMA_SETUP_CYCLES it writes the bus words covering each DRAM row, one per cycle as the memory
// accepts them, each read from the output buffer (one read port) with the byte strobes of the row's
// bytes; it ends in the cycle the memory acknowledges the last word. Rows (and planes) that lie back
// to back in DRAM are written as one row. Also executes store-unit SYNCs.
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
    output logic                       request_valid,
    input  logic                       request_ready,
    output logic [39:0]                request_address,
    output logic [vggc_config_pkg::DRAM_BUS_BITS-1:0]   request_data,
    output logic [vggc_config_pkg::DRAM_BUS_BITS/8-1:0] request_strobe,
    input  logic                       response_valid,
    output logic [31:0]                read_address,
    input  logic [127:0]               read_data,
    output logic                       started,
    output logic                       finished
);
  localparam int BUS_BYTES = vggc_config_pkg::DRAM_BUS_BITS / 8;

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
  logic requests_done, unused_last;
  logic [31:0] requested;
  logic [31:0] acknowledged;
  logic [23:0] sram_offset;
  logic [47:0] row_address, word_address, low, high;
  logic [7:0] unused_address_bits;

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
      .clk, .rst_n, .clear(finished), .advance(request_valid && request_ready),
      .base(40'(instruction[vggc_isa_pkg::STORE_DRAM_ADDRESS_LSB+:vggc_isa_pkg::STORE_DRAM_ADDRESS_WIDTH])),
      .plane_stride(40'(instruction[vggc_isa_pkg::STORE_DRAM_PLANE_STRIDE_LSB+:vggc_isa_pkg::STORE_DRAM_PLANE_STRIDE_WIDTH])),
      .row_stride(32'(instruction[vggc_isa_pkg::STORE_DRAM_ROW_STRIDE_LSB+:vggc_isa_pkg::STORE_DRAM_ROW_STRIDE_WIDTH])),
      .depth, .rows, .row_bytes, .sram_row_stride(24'(row_bytes)), .sram_plane_stride(24'(rows) * 24'(row_bytes)),
      .rows_adjacent(1'b1), .planes_adjacent(1'b1), .sram_offset, .row_address, .word_address, .low, .high,
      .last(unused_last), .done(requests_done));

  assign read_address = 32'(24'(24'(instruction[vggc_isa_pkg::STORE_SRAM_ADDRESS_LSB+:vggc_isa_pkg::STORE_SRAM_ADDRESS_WIDTH])
      + sram_offset + 24'(low - row_address)));
  assign unused_address_bits = word_address[47:40];
  assign request_valid = active && writes && set_up && !requests_done;
  assign request_address = 40'(word_address);
  assign request_data = vggc_config_pkg::DRAM_BUS_BITS'(read_data << (8 * (low - word_address)));
  always_comb begin
    for (int b = 0; b < BUS_BYTES; b++) request_strobe[b] = word_address + 48'(b) >= low && word_address + 48'(b) < high;
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
      if (request_valid && request_ready) requested <= requested + 32'd1;
    end
  end
endmodule
