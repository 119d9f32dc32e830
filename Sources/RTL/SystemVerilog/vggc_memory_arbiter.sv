// Shares the one memory port between fetch (id 0), the load unit (id 1) and the store unit (id 2):
// a fixed priority (load, store, fetch) grants one request per cycle, tagged with the client's id;
// the memory echoes the id with each response (a read's data, or a write's acknowledgement), which
// routes it back.
module vggc_memory_arbiter
(
    input  logic [2:0]                       client_valid,
    output logic [2:0]                       client_ready,
    input  logic [3*40-1:0]                 client_address,
    input  logic [vggc_config_pkg::DRAM_BUS_BITS-1:0]         store_data,
    input  logic [vggc_config_pkg::DRAM_BUS_BITS/8-1:0]       store_strobe,
    output logic [2:0]                       client_response,
    output logic                             memory_request_valid,
    input  logic                             memory_request_ready,
    output logic                             memory_request_write,
    output logic [39:0]                      memory_request_address,
    output logic [vggc_config_pkg::DRAM_BUS_BITS-1:0]         memory_request_data,
    output logic [vggc_config_pkg::DRAM_BUS_BITS/8-1:0]       memory_request_strobe,
    output logic [1:0]                       memory_request_id,
    input  logic                             memory_response_valid,
    input  logic [1:0]                       memory_response_id
);
  logic [1:0] granted;

  always_comb begin
    if (client_valid[1]) granted = 2'd1;
    else if (client_valid[2]) granted = 2'd2;
    else granted = 2'd0;
  end

  assign memory_request_valid = client_valid[granted];
  assign memory_request_write = granted == 2'd2;
  assign memory_request_address = client_address[40*(granted)+:40];
  assign memory_request_data = store_data;
  assign memory_request_strobe = granted == 2'd2 ? store_strobe : '0;
  assign memory_request_id = granted;

  always_comb begin
    client_ready = 3'b000;
    client_ready[granted] = memory_request_ready;
    client_response = 3'b000;
    if (memory_response_valid && memory_response_id != 2'd3) client_response[memory_response_id] = 1'b1;
  end
endmodule
