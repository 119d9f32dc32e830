// The load unit (docs/ISA.md, LOAD): a 3-D strided DMA from DRAM into the input or weight buffer
// that inserts padding on the fly. After DMA_SETUP_CYCLES it requests the bus words covering each
// DRAM row, up to one per memory port a cycle as the memory accepts them (the next DRAM_PORTS words
// of the transfer, whatever rows they lie in); the response of each word is scattered into its row
// of the SRAM box (write port p for memory port p) by a second iterator that walks the rows in the
// same order. Meanwhile DRAM_PORTS more write ports write the pad value over the padding around the
// rows, up to a bus width each a cycle (the next DRAM_PORTS chunks of the padding, whatever gaps
// between the rows they lie in; vggc_pad_walker). A LOAD that reads nothing (rows or columns 0)
// fills its whole box the same way. Rows that lie back to back both in DRAM and in the box (no left
// or right padding) are moved as one row, and so are planes (no top or bottom padding either;
// vggc_dma_walker).
// Also executes load-unit SYNCs. An instruction's first cycle is the cycle it is accepted; its
// tokens are taken then, and pushed, and the queue popped, in its last cycle.
module vggc_load_unit
(
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic [vggc_isa_pkg::INSTRUCTION_BITS-1:0]             instruction,
    input  logic                     entry_valid,
    output logic                     entry_pop,
    input  logic                     token_from_compute,
    output logic                     take_token_from_compute,
    output logic                     give_token_to_compute,
    output logic [vggc_config_pkg::DRAM_PORTS-1:0]    request_valid,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]    request_ready,
    output logic [vggc_config_pkg::DRAM_PORTS*40-1:0] request_address,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]    response_valid,
    input  logic [vggc_config_pkg::DRAM_PORTS*vggc_config_pkg::DRAM_BUS_BITS-1:0] response_data,
    output logic                     writes_weight,
    output logic [2*vggc_config_pkg::DRAM_PORTS*32-1:0]  write_address,
    output logic [2*vggc_config_pkg::DRAM_PORTS*128-1:0] write_data,
    output logic [2*vggc_config_pkg::DRAM_PORTS*5-1:0]   write_count,
    output logic                     started,
    output logic                     finished
);
  localparam int PORTS = vggc_config_pkg::DRAM_PORTS;
  localparam int BUS_BITS = vggc_config_pkg::DRAM_BUS_BITS;
  localparam int PAD_PORTS = PORTS;

  logic running;
  logic active;
  logic is_sync;
  logic [1:0] element_shift;
  logic [15:0] depth;
  logic [15:0] rows;
  logic [15:0] columns;
  logic [7:0] pad_top;
  logic [7:0] pad_left;
  logic [16:0] box_rows;
  logic [16:0] box_columns;
  logic [18:0] row_bytes;
  logic [23:0] box_row_bytes, box_plane_bytes, box_start, box_bytes, pad_unit_bytes;
  logic side_padding;
  logic reads;
  logic pads;
  logic [31:0] pad_value;
  logic [127:0] pad_pattern;
  logic [31:0] elapsed;
  logic set_up;

  // Requests and responses: the DRAM words, walked twice.
  logic [39:0] dram_address, plane_stride;
  logic [31:0] row_stride;
  logic unused_requests_done, responses_done;
  logic [PORTS-1:0] request_words, response_words, response_last, unused_request_last;
  logic [PORTS*48-1:0] request_word_address;
  logic [PORTS*24-1:0] response_sram_offset, unused_request_sram_offset;
  logic [PORTS*48-1:0] response_row_address, response_word_address, response_low, response_high;
  logic [PORTS*48-1:0] unused_request_row_address, unused_request_low, unused_request_high;
  logic [23:0] sram_base;
  logic [PORTS*8-1:0] unused_address_bits;
  // Fill: the chunks of padding the pad ports write this cycle (offsets in the box).
  logic [PAD_PORTS-1:0] fill_valid;
  logic [PAD_PORTS*24-1:0] fill_offset;
  logic [PAD_PORTS*5-1:0] fill_count;
  logic fill_advance, last_fill, fill_done;
  logic last_response;

  assign is_sync = instruction[vggc_isa_pkg::END_OPCODE_LSB+:vggc_isa_pkg::END_OPCODE_WIDTH] == vggc_isa_pkg::OPCODE_SYNC;
  assign element_shift = instruction[vggc_isa_pkg::LOAD_ELEMENT_BYTES_LSB+:2];
  assign depth = 16'(instruction[vggc_isa_pkg::LOAD_DEPTH_LSB+:vggc_isa_pkg::LOAD_DEPTH_WIDTH]);
  assign rows = 16'(instruction[vggc_isa_pkg::LOAD_ROWS_LSB+:vggc_isa_pkg::LOAD_ROWS_WIDTH]);
  assign columns = 16'(instruction[vggc_isa_pkg::LOAD_COLUMNS_LSB+:vggc_isa_pkg::LOAD_COLUMNS_WIDTH]);
  assign pad_top = 8'(instruction[vggc_isa_pkg::LOAD_PAD_TOP_LSB+:vggc_isa_pkg::LOAD_PAD_TOP_WIDTH]);
  assign pad_left = 8'(instruction[vggc_isa_pkg::LOAD_PAD_LEFT_LSB+:vggc_isa_pkg::LOAD_PAD_LEFT_WIDTH]);
  assign box_rows = 17'(pad_top) + 17'(rows) + 17'(instruction[vggc_isa_pkg::LOAD_PAD_BOTTOM_LSB+:vggc_isa_pkg::LOAD_PAD_BOTTOM_WIDTH]);
  assign box_columns = 17'(pad_left) + 17'(columns) + 17'(instruction[vggc_isa_pkg::LOAD_PAD_RIGHT_LSB+:vggc_isa_pkg::LOAD_PAD_RIGHT_WIDTH]);
  assign row_bytes = 19'(columns) << element_shift;
  // The box's row and plane sizes and where its first DRAM row lands: per-instruction multiplies.
  assign box_row_bytes = 24'(box_columns) << element_shift;
  assign box_plane_bytes = 24'(box_rows) * box_row_bytes;
  assign box_start = 24'(pad_top) * box_row_bytes + (24'(pad_left) << element_shift);
  assign box_bytes = 24'(depth) * box_plane_bytes;
  assign side_padding = box_columns != 17'(columns);
  assign pad_unit_bytes = side_padding ? 24'(row_bytes) : 24'(rows) * 24'(row_bytes);
  assign reads = !is_sync && depth != 0 && rows != 0 && columns != 0;
  assign pads = !is_sync && depth != 0 && 34'(box_rows) * 34'(box_columns) != 34'(rows) * 34'(columns);
  assign pad_value = instruction[vggc_isa_pkg::LOAD_PAD_VALUE_LSB+:vggc_isa_pkg::LOAD_PAD_VALUE_WIDTH];
  assign writes_weight = instruction[vggc_isa_pkg::LOAD_BUFFER_LSB+:vggc_isa_pkg::LOAD_BUFFER_WIDTH] == 2'(vggc_isa_pkg::LOAD_BUFFER_WEIGHT);

  always_comb begin
    for (int b = 0; b < 16; b++) begin
      case (element_shift)
        2'd0: pad_pattern[8*b+:8] = pad_value[7:0];
        2'd1: pad_pattern[8*b+:8] = pad_value[8*(b%2)+:8];
        2'd2: pad_pattern[8*b+:8] = pad_value[8*(b%4)+:8];
        default: pad_pattern[8*b+:8] = b % 8 < 4 ? pad_value[8*(b%4)+:8] : {8{pad_value[31]}};
      endcase
    end
  end

  assign active = running || (entry_valid && (token_from_compute || !instruction[vggc_isa_pkg::LOAD_POP_NEXT_LSB]));
  assign set_up = elapsed >= 32'(vggc_config_pkg::DMA_SETUP_CYCLES);

  assign dram_address = 40'(instruction[vggc_isa_pkg::LOAD_DRAM_ADDRESS_LSB+:vggc_isa_pkg::LOAD_DRAM_ADDRESS_WIDTH]);
  assign plane_stride = 40'(instruction[vggc_isa_pkg::LOAD_DRAM_PLANE_STRIDE_LSB+:vggc_isa_pkg::LOAD_DRAM_PLANE_STRIDE_WIDTH]);
  assign row_stride = 32'(instruction[vggc_isa_pkg::LOAD_DRAM_ROW_STRIDE_LSB+:vggc_isa_pkg::LOAD_DRAM_ROW_STRIDE_WIDTH]);

  vggc_dma_walker requests (
      .clk, .rst_n, .clear(finished), .advance(request_valid & request_ready), .base(dram_address), .plane_stride,
      .row_stride, .depth, .rows, .row_bytes, .sram_row_stride(box_row_bytes), .sram_plane_stride(box_plane_bytes),
      .rows_adjacent(box_columns == 17'(columns)), .planes_adjacent(box_rows == 17'(rows)), .valid(request_words),
      .sram_offset(unused_request_sram_offset), .row_address(unused_request_row_address), .word_address(request_word_address),
      .low(unused_request_low), .high(unused_request_high), .last(unused_request_last), .done(unused_requests_done));
  vggc_dma_walker responses (
      .clk, .rst_n, .clear(finished), .advance({PORTS{active}} & response_valid), .base(dram_address), .plane_stride,
      .row_stride, .depth, .rows, .row_bytes, .sram_row_stride(box_row_bytes), .sram_plane_stride(box_plane_bytes),
      .rows_adjacent(box_columns == 17'(columns)), .planes_adjacent(box_rows == 17'(rows)), .valid(response_words),
      .sram_offset(response_sram_offset), .row_address(response_row_address), .word_address(response_word_address), .low(response_low),
      .high(response_high), .last(response_last), .done(responses_done));

  // Port p requests the transfer's p-th word from the next one on, while there is one.
  assign request_valid = {PORTS{active && reads && set_up}} & request_words;
  for (genvar port = 0; port < PORTS; port++) begin : request_ports
    assign request_address[40*port+:40] = request_word_address[48*port+:40];
    assign unused_address_bits[8*port+:8] = request_word_address[48*port+40+:8];
  end
  assign last_response = |(response_valid & response_last);
  assign sram_base = 24'(instruction[vggc_isa_pkg::LOAD_SRAM_ADDRESS_LSB+:vggc_isa_pkg::LOAD_SRAM_ADDRESS_WIDTH]);

  assign fill_advance = active && pads && set_up && !fill_done;
  vggc_pad_walker fill (
      .clk, .rst_n, .clear(finished), .advance(fill_advance), .reads, .depth, .walked_rows(side_padding ? rows : 16'd1),
      .box_start, .box_bytes, .unit_bytes(pad_unit_bytes), .row_step(box_row_bytes), .plane_step(box_plane_bytes),
      .valid(fill_valid), .offset(fill_offset), .count(fill_count), .finishing(last_fill), .done(fill_done));

  always_comb begin
    write_address = '0;
    write_data = '0;
    write_count = '0;
    for (int port = 0; port < PORTS; port++) begin
      if (active && response_valid[port] && reads && response_words[port]) begin
        write_address[32*port+:32] = 32'(24'(sram_base + box_start + response_sram_offset[24*port+:24]
            + 24'(response_low[48*port+:48] - response_row_address[48*port+:48])));
        write_data[128*port+:128] = 128'(response_data[BUS_BITS*port+:BUS_BITS])
            >> (8 * (response_low[48*port+:48] - response_word_address[48*port+:48]));
        write_count[5*port+:5] = 5'(response_high[48*port+:48] - response_low[48*port+:48]);
      end
    end
    for (int port = 0; port < PAD_PORTS; port++) begin
      if (fill_advance && fill_valid[port]) begin
        write_address[32*(PORTS+port)+:32] = 32'(24'(sram_base + fill_offset[24*port+:24]));
        write_data[128*(PORTS+port)+:128] = pad_pattern;
        write_count[5*(PORTS+port)+:5] = fill_count[5*port+:5];
      end
    end
  end

  assign started = entry_valid && !running && active;
  assign finished = active && (is_sync || elapsed + 32'd1 >= 32'(vggc_config_pkg::DMA_SETUP_CYCLES))
      && (!reads || responses_done || last_response) && (!pads || fill_done || (set_up && last_fill));
  assign entry_pop = finished;
  assign take_token_from_compute = started && instruction[vggc_isa_pkg::LOAD_POP_NEXT_LSB];
  assign give_token_to_compute = finished && instruction[vggc_isa_pkg::LOAD_PUSH_NEXT_LSB];

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      running <= 1'b0;
      elapsed <= '0;
    end else if (finished) begin
      running <= 1'b0;
      elapsed <= '0;
    end else if (active) begin
      running <= 1'b1;
      elapsed <= elapsed + 32'd1;
    end
  end
endmodule
